using Microsoft.AspNetCore.Antiforgery;

namespace HallBoard.Hosting;

/// <summary>
/// A form post whose antiforgery token failed (an expired page, a post from another site) is answered here, in Chinese,
/// before any endpoint reads the form. The endpoints' form binding is generated at build time (the request delegate
/// generator), and that code would read the form and fail with a server error instead of refusing the request.
/// </summary>
public static class ExpiredForms
{
    public const string Message = "页面已过期，请刷新后重试。";

    public static IApplicationBuilder UseExpiredFormAnswer(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            && ctx.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
        {
            await Results.Problem(Message, statusCode: StatusCodes.Status400BadRequest, title: "请求无效").ExecuteAsync(ctx);
            return;
        }
        await next(ctx);
    });
}
