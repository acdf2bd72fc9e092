using HallBoard.Features.Audit;
using HallBoard.Domain;
using HallBoard.Features.Account;
using Microsoft.AspNetCore.WebUtilities;

namespace HallBoard.Features.Dashboard;

public static class DashboardEndpoints
{
    public const string WorkbookPath = "/dashboard/figures.xlsx";

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(WorkbookPath, WorkbookAsync)
            .RequireRoles(Policies.DashboardReaders)
            .ExcludeFromDescription();
        return app;
    }

    public static string WorkbookUrl(int hallId, DashboardPeriod period) => QueryHelpers.AddQueryString(WorkbookPath,
        new Dictionary<string, string?>
        {
            ["hall"] = hallId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["from"] = DashboardPeriod.Text(period.From),
            ["to"] = DashboardPeriod.Text(period.To),
        });

    /// <summary>GET /dashboard/figures.xlsx?hall=&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd: a user with a hall always gets their own.</summary>
    private static async Task<IResult> WorkbookAsync(HttpContext http, DashboardQueries queries, DashboardWorkbook workbook,
        string? from, string? to, int? hall)
    {
        var actor = http.User.ToActor();
        DashboardPeriod period;
        try
        {
            period = DashboardPeriod.FromQuery(from, to);
        }
        catch (ValidationFailedException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "统计期间有误");
        }
        var halls = await queries.HallsAsync(http.RequestAborted);
        if (!actor.AllHalls && actor.HallId is null)
            return TypedResults.Problem(Actor.NoHallMessage, statusCode: StatusCodes.Status403Forbidden);
        // A Bureau account may name one of its supervised halls; anyone else with a hall gets their own.
        var wanted = hall is int named && actor.IsIn(Roles.Bureau) && actor.CanSee(named) ? named : actor.HallScope ?? hall;
        if (halls.FirstOrDefault(h => h.Id == wanted) is not { } chosen)
            return TypedResults.NotFound();
        var figures = await queries.FiguresAsync(chosen.Id, period, http.RequestAborted);
        var buffer = new MemoryStream();
        workbook.Write(figures, chosen.Name, buffer);
        buffer.Position = 0;
        await WorkbookDownloads.RecordAsync(http, DashboardWorkbook.FileName(chosen.Name, period), chosen.Id);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(buffer, DashboardWorkbook.ContentType, DashboardWorkbook.FileName(chosen.Name, period));
    }
}
