using HallBoard.Features.Audit;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Problems;

namespace HallBoard.Features.Knowledge;

public static class KnowledgeSetup
{
    public const string HandbookPath = "/knowledge/handbook.xlsx";

    /// <summary>Who works with articles and the handbook: the hall's staff, not wall screens.</summary>
    public const string KnowledgeRoles = $"{Roles.Engineer},{Roles.HallLead},{Roles.Manager}";

    /// <summary>Who writes drafts: the knowledge pages' roles (and Admin, who sees every hall).</summary>
    public static readonly string[] Authors = [Roles.Engineer, Roles.HallLead, Roles.Manager, Roles.Admin];

    /// <summary>Publishing and retiring is for HallLead and above; engineers draft.</summary>
    public static readonly string[] Publishers = Roles.LeadRoles;

    public static bool CanPublish(Actor actor) => actor.IsIn(Publishers);

    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddSingleton<KnowledgeCommands>();
        services.AddSingleton<KnowledgeQueries>();
        services.AddSingleton<Handbook>();
        services.AddProblems();
        services.AddScoped<KnowledgeDemoData>();
        return services;
    }

    public static IEndpointRouteBuilder MapKnowledge(this IEndpointRouteBuilder app)
    {
        app.MapGet(HandbookPath, HandbookWorkbookAsync)
            .RequireAuthorization(p => p.RequireRole(KnowledgeRoles.Split(',')))
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
