using System.Globalization;
using HallBoard.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HallBoard.Features.Api;

/// <summary>
/// Limits on what a request may carry, and the answers when one is exceeded or the database is busy: every
/// such request gets a Chinese problem with the right status (413, 400, 503 with Retry-After), never a 500.
/// </summary>
public static class RequestLimits
{
    /// <summary>No endpoint takes more: API bodies stop at 256 KB, forms at their own smaller limit,
    /// and uploads (the volume import) go through the Blazor circuit, not an HTTP body.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = MaxBodyBytes;
            o.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = MaxBodyBytes;
            o.ValueCountLimit = 200;
            o.KeyLengthLimit = 256;
        });
        return builder;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, error.StatusCode, error.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => $"请求体过大（最多 {MaxBodyBytes / 1024} KB）。",
                StatusCodes.Status408RequestTimeout => "请求发送超时，请重试。",
                _ => "请求格式不正确，无法处理。",
            });
        }
        catch (Exception error) when (DbFailures.IsBusy(error) && !context.Response.HasStarted)
        {
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "系统繁忙，请稍后重试。");
        }
    });

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        if (status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = ApiProblems.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(message, statusCode: status, title: "请求无法处理").ExecuteAsync(context);
    }
}
