using HallBoard.Features.Audit;
using HallBoard.Domain;
using HallBoard.Features.Account;

namespace HallBoard.Features.Knowledge;

public static class KnowledgeEndpoints
{
    public const string HandbookPath = "/knowledge/handbook.xlsx";

    public static IEndpointRouteBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(HandbookPath, HandbookWorkbookAsync)
            .RequireRoles(Policies.KnowledgeReaders)
            .ExcludeFromDescription();
        return app;
    }

    public static string HandbookUrl(DateOnly from, DateOnly to) =>
        $"{HandbookPath}?from={from.ToString(Handbook.DateFormat, System.Globalization.CultureInfo.InvariantCulture)}&to={to.ToString(Handbook.DateFormat, System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>GET /knowledge/handbook.xlsx?from=yyyy-MM-dd&amp;to=yyyy-MM-dd: the user's own hall's handbook.</summary>
    private static async Task<IResult> HandbookWorkbookAsync(HttpContext http, Handbook handbook, string? from, string? to)
    {
        var actor = http.User.ToActor();
        if (actor.HallId is not int hallId)
            return TypedResults.Problem(Actor.NoHallMessage, statusCode: StatusCodes.Status403Forbidden);
        HandbookData data;
        try
        {
            data = await handbook.BuildAsync(hallId, Handbook.ParseDay(from, "from", "开始日期"), Handbook.ParseDay(to, "to", "结束日期"),
                http.RequestAborted);
        }
        catch (ValidationFailedException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "手册条件有误");
        }
        // ClosedXML needs a seekable stream; the handbook is small.
        var buffer = new MemoryStream();
        Handbook.WriteWorkbook(data, buffer);
        await WorkbookDownloads.RecordAsync(http, Handbook.FileName(data), hallId);
        return TypedResults.File(buffer.ToArray(), Handbook.ContentType, Handbook.FileName(data));
    }
}
