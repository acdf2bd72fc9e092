using Microsoft.Extensions.Options;

namespace HallBoard.Hosting;

/// <summary>
/// Absolute links printed for taxpayers (rating and feedback QR codes). They come from "Hall:PublicBaseUrl",
/// never from the request's Host header, which a client chooses; only Development falls back to the request.
/// </summary>
public sealed class PublicLinks(IOptions<HallOptions> options, IHostEnvironment environment)
{
    public const string MissingMessage = "未配置对外访问地址（Hall:PublicBaseUrl），无法生成二维码，请联系系统管理员。";

    /// <summary>The absolute address of <paramref name="path"/>, or null when no public base is configured outside Development.</summary>
    public string? Absolute(string path, string requestBaseUri)
    {
        var configured = options.Value.PublicBaseUrl;
        var root = !string.IsNullOrWhiteSpace(configured) && Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var publicBase)
                   && publicBase.Scheme is "https" or "http"
            ? publicBase.ToString()
            : environment.IsDevelopment() ? requestBaseUri : null;
        return root is null ? null : root.TrimEnd('/') + "/" + path.TrimStart('/');
    }
}
