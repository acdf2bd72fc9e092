using HallBoard.Features.Account;
using HallBoard.Domain;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Problems;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>Shortcuts over the real app for knowledge and problem tests.</summary>
internal static class KnowledgeApp
{
    public static KnowledgeCommands Knowledge(this HallAppFactory app) => app.Get<KnowledgeCommands>();
    public static KnowledgeQueries KnowledgeQueries(this HallAppFactory app) => app.Get<KnowledgeQueries>();
    public static ProblemCommands Problems(this HallAppFactory app) => app.Get<ProblemCommands>();
    public static ProblemQueries ProblemQueries(this HallAppFactory app) => app.Get<ProblemQueries>();

    public static ArticleContent Article(string question, params string[] steps) => new()
    {
        Question = question, Steps = steps, Channel = Channel.ETaxWeb, Category = Category.Filing, Tags = ["测试"],
    };

    public static async Task<ArticleRef> PublishedAsync(this HallAppFactory app, Actor by, string question, params string[] steps)
    {
        var hallId = by.HallId ?? (await app.DemoHallAsync()).Id;
        var draft = await app.Knowledge().CreateAsync(hallId, Article(question, steps), by);
        // Engineers draft; the hall's lead publishes (a lead of the same hall, so a test in another hall keeps it).
        var publisher = by.IsIn(Policies.KnowledgePublishers) ? by
            : HallAppFactory.As(HallBoard.Features.Account.Roles.HallLead, "test:lead", "赵主任", hallId);
        return await app.Knowledge().PublishAsync(draft.Id, draft.Revision, publisher);
    }

    /// <summary>A ticket taken by the engineer and, when <paramref name="resolution"/> is given, resolved.</summary>
    public static async Task<TicketRef> TicketAsync(this HallAppFactory app, Actor engineer, string description, string? resolution = null,
        Channel channel = Channel.ETaxWeb)
    {
        var tickets = app.Get<TicketCommands>();
        var draft = new TicketDraft { TaxpayerName = "测试纳税人", Channel = channel, Category = Category.Filing, Kind = TicketKind.Fault, Description = description };
        var t = await tickets.IntakeAsync(engineer.HallId!.Value, draft, engineer, takeNow: true);
        return resolution is null ? t : await tickets.ResolveAsync(t.Id, null, resolution, engineer);
    }

    /// <summary>A second hall with one waiting ticket, for the refusals across halls.</summary>
    public static async Task<(int HallId, TicketRef Ticket)> OtherHallTicketAsync(this HallAppFactory app)
    {
        var code = $"H{Guid.NewGuid():N}"[..6].ToUpperInvariant();
        var hallId = await app.WithDbAsync(async db =>
        {
            var hall = new Hall { Code = code, Name = "另一办税服务厅" };
            db.Halls.Add(hall);
            await db.SaveChangesAsync();
            return hall.Id;
        });
        var draft = new TicketDraft { TaxpayerName = "外厅纳税人", Channel = Channel.Counter, Category = Category.Filing, Kind = TicketKind.Consultation, Description = "外厅的问题" };
        var ticket = await app.Get<TicketCommands>().IntakeAsync(hallId, draft, HallAppFactory.Admin, takeNow: false);
        return (hallId, ticket);
    }
}
