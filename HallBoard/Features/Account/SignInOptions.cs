namespace HallBoard.Features.Account;

/// <summary>"SignIn" settings: how hard the sign-in form and the tablet unlock push back on guessing.</summary>
public sealed class SignInOptions
{
    /// <summary>Failed sign-ins from one address within <see cref="AddressWindowMinutes"/> before that address is refused.</summary>
    public int MaxFailuresPerAddress { get; set; } = 10;

    public int AddressWindowMinutes { get; set; } = 15;
}

/// <summary>Where a request comes from, as the throttle and the audit name it.</summary>
public static class ClientAddress
{
    public const string Unknown = "未知地址";

    public static string Of(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? Unknown;
}
