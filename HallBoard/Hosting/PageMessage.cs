using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace HallBoard.Hosting;

/// <summary>
/// A message a form endpoint hands to the page it redirects to ("?error=…", "?done=…"). The value is sealed
/// by the app (data protection, 10 minutes), so a page never shows text someone typed into a link: a forged or
/// stale value shows nothing.
/// </summary>
public static class PageMessage
{
    private const string Purpose = "HallBoard.PageMessage.v1";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static string Seal(HttpContext ctx, string message) =>
        Uri.EscapeDataString(Protector(ctx).Protect(message, Lifetime));

    /// <summary>The sealed message, or null when there is none, or it is forged or expired.</summary>
    public static string? Open(HttpContext? ctx, string? sealedValue)
    {
        if (ctx is null || string.IsNullOrEmpty(sealedValue) || sealedValue.Length > 4000) return null;
        try { return Protector(ctx).Unprotect(sealedValue); }
        catch (CryptographicException) { return null; }
        catch (FormatException) { return null; }
    }

    private static ITimeLimitedDataProtector Protector(HttpContext ctx) =>
        ctx.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();
}
