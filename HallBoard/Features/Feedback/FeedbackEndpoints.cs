using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Feedback;

/// <summary>Taxpayer feedback: the two public forms (after rating, and the hall's QR page) post here as plain
/// server-rendered forms with antiforgery, a body size limit and a per-address rate limit.</summary>
public static class FeedbackEndpoints
{
    public static IEndpointRouteBuilder MapFeedbackEndpoints(this IEndpointRouteBuilder app)
    {
        var limit = app.ServiceProvider.GetRequiredService<IOptions<FeedbackOptions>>().Value.PublicMaxBodyBytes;
        app.MapPost("/rate/{token}/feedback", AfterRatingAsync).AllowAnonymous().WithMetadata(new RequestSizeLimitAttribute(limit));
        app.MapPost("/public/{code}/feedback", PublicAsync).AllowAnonymous().WithMetadata(new RequestSizeLimitAttribute(limit));
        return app;
    }

    private static Task<IResult> AfterRatingAsync(string token, [FromForm] FeedbackForm form, HttpContext ctx,
        FeedbackCommands commands, FeedbackThrottle throttle) =>
        !Satisfaction.SatisfactionLinks.IsWellFormed(token)
            ? Task.FromResult<IResult>(TypedResults.Problem("评价链接无效，请向工作人员索取新的评价二维码。",
                statusCode: StatusCodes.Status404NotFound, title: "评价链接无效"))
            : SubmitAsync($"/rate/{Uri.EscapeDataString(token)}/feedback", form, ctx, throttle,
            draft => commands.SubmitAfterRatingAsync(token, draft, ctx.RequestAborted));

    private static Task<IResult> PublicAsync(string code, [FromForm] FeedbackForm form, HttpContext ctx,
        FeedbackCommands commands, FeedbackThrottle throttle) =>
        SubmitAsync($"/public/{Uri.EscapeDataString(code)}/feedback", form, ctx, throttle,
            draft => commands.SubmitPublicAsync(code, draft, ctx.RequestAborted));

    private static async Task<IResult> SubmitAsync(string page, FeedbackForm form, HttpContext ctx, FeedbackThrottle throttle,
        Func<FeedbackDraft, Task<FeedbackRef>> submit)
    {
        // Kestrel stops reading at the endpoint's size limit; this also answers servers that do not enforce it.
        var limit = ctx.RequestServices.GetRequiredService<IOptions<FeedbackOptions>>().Value.PublicMaxBodyBytes;
        if (ctx.Request.ContentLength > limit)
            return TypedResults.Problem($"提交内容过大（最多 {limit / 1024} KB），请精简后再提交。",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "提交内容过大");
        try
        {
            if (!throttle.TryAcquire(ctx.Connection.RemoteIpAddress?.ToString()))
                throw new FeedbackRuleException("提交过于频繁，请稍后再试。");
            var created = await submit(form.ToDraft());
            return Results.Redirect($"{page}?done={PageMessage.Seal(ctx, created.Number)}");
        }
        catch (HallBoardException ex)
        {
            return Results.Redirect($"{page}?error={PageMessage.Seal(ctx, ex.Message)}");
        }
    }
}

/// <summary>The fields of the public feedback forms, as posted.</summary>
public sealed class FeedbackForm
{
    public string? Kind { get; set; }
    public string? Content { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }

    public FeedbackDraft ToDraft() => new()
    {
        Kind = Enum.TryParse<FeedbackKind>(Kind, ignoreCase: false, out var k) && Enum.IsDefined(k) ? k : (FeedbackKind)(-1),
        Content = Content,
        ContactName = ContactName,
        ContactPhone = ContactPhone,
    };
}
