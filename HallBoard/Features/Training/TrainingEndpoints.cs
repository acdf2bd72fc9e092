using HallBoard.Domain;
using HallBoard.Features.Attachments;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Training;

/// <summary>The training pages' addresses, a document as a workbook (staff) and the public survey's post.</summary>
public static class TrainingEndpoints
{
    public static string DetailPath(int id) => $"/training/{id}";
    public static string SignInPath(int id) => $"/training/{id}/sign-in";
    public static string DocumentPath(int id, TrainingDocumentKind kind) => $"/training/{id}/documents/{TrainingDocuments.Slug(kind)}";
    public static string WorkbookPath(int id, TrainingDocumentKind kind) => DocumentPath(id, kind) + ".xlsx";
    public static string SurveyPath(string token) => $"/public/training/{Uri.EscapeDataString(token)}";

    public static IEndpointRouteBuilder MapTrainingEndpoints(this IEndpointRouteBuilder app)
    {
        var limit = app.ServiceProvider.GetRequiredService<IOptions<TrainingOptions>>().Value.SurveyMaxBodyBytes;
        app.MapGet("/training/{id:int}/documents/{kind}.xlsx", DownloadAsync)
            .RequireRoles(Policies.Staff).ExcludeFromDescription();
        app.MapPost("/public/training/{token}", SurveyAsync).AllowAnonymous()
            .WithMetadata(new RequestSizeLimitAttribute(limit)).ExcludeFromDescription();
        return app;
    }

    /// <summary>GET a training document as a workbook: a session of the user's own hall (any hall for Admin), audited before it is sent.</summary>
    private static async Task<IResult> DownloadAsync(int id, string kind, HttpContext http, TrainingQueries queries, TrainingWorkbook workbook,
        AttachmentBook attachments, PublicLinks links, HallTime time)
    {
        var actor = http.User.ToActor();
        if (!actor.AllHalls && actor.HallId is null)
            return TypedResults.Problem(Actor.NoHallMessage, statusCode: StatusCodes.Status403Forbidden);
        if (TrainingDocuments.Parse(kind) is not { } which) return Results.NotFound();
        var detail = await queries.GetAsync(id, actor, http.RequestAborted);
        if (detail is null) return Results.NotFound();
        var materials = await attachments.ListAsync(actor, AttachmentSubject.Training, id, http.RequestAborted);
        var requestBase = $"{http.Request.Scheme}://{http.Request.Host}/";
        var doc = TrainingDocuments.Build(which, detail, await queries.SummaryAsync(detail, http.RequestAborted), materials,
            path => links.Absolute(path, requestBase) ?? path, time);
        var file = workbook.Build(doc);
        await WorkbookDownloads.RecordAsync(http, TrainingWorkbook.FileName(doc), detail.Session.HallId);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(file, TrainingWorkbook.ContentType, TrainingWorkbook.FileName(doc));
    }

    /// <summary>POST one anonymous answer sheet (a form parameter, so antiforgery is checked); the page gets a sealed message back, never text from the request.</summary>
    private static async Task<IResult> SurveyAsync(string token, IFormCollection form, HttpContext ctx, TrainingBook book,
        SurveyThrottle throttle, IOptions<TrainingOptions> options)
    {
        var page = SurveyPath(token);
        if (!TrainingSurvey.IsWellFormed(token))
            return TypedResults.Problem("调查链接无效，请重新扫描培训现场的二维码。", statusCode: StatusCodes.Status404NotFound, title: "调查链接无效");
        if (ctx.Request.ContentLength > options.Value.SurveyMaxBodyBytes)
            return TypedResults.Problem("提交内容过大，请精简后再提交。", statusCode: StatusCodes.Status413PayloadTooLarge, title: "提交内容过大");
        try
        {
            if (!throttle.TryAcquire(ctx.Connection.RemoteIpAddress?.ToString()))
                throw new TrainingRuleException("提交过于频繁，请稍后再试。");
            await book.SubmitSurveyAsync(token, form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString()), ctx.RequestAborted);
            return Results.Redirect($"{page}?done=1");
        }
        catch (NotFoundException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "调查链接无效");
        }
        catch (HallBoardException ex)
        {
            return Results.Redirect($"{page}?error={PageMessage.Seal(ctx, ex.Message)}");
        }
    }
}

/// <summary>Limits how often one address may post survey answers (a class shares the hall's Wi-Fi address).</summary>
public sealed class SurveyThrottle(IOptions<TrainingOptions> options)
    : AddressThrottle(options.Value.SurveyPermitLimit, options.Value.SurveyWindowMinutes);
