using System.Security.Claims;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HallBoard.Features.Api;

/// <summary>/api/tickets: intake and the whole closed loop for integrations holding an API key.</summary>
public static class TicketEndpoints
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapTicketApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tickets")
            .RequireAuthorization(Policies.Integration)
            .WithTags("工单")
            .WithMetadata(new ApiProblems.Marker(), new SkipStatusCodePagesAttribute())
            .AddEndpointFilter<ApiProblemFilter>()
            .AddEndpointFilter<ApiAccessFilter>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("", CreateAsync).WithName("CreateTicket").WithSummary("录入工单")
            .WithDescription("录入一条服务记录；填写 takeByEngineerNo 时由该工程师立即受理。");
        group.MapGet("/{id:int}", GetAsync).WithName("GetTicket").WithSummary("查看工单及其时间线")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", ListAsync).WithName("ListTickets").WithSummary("查询工单（分页）");

        Command(group.MapPost("/{id:int}/take", TakeAsync).WithName("TakeTicket").WithSummary("受理工单"));
        Command(group.MapPost("/{id:int}/handover", HandOverAsync).WithName("HandOverTicket").WithSummary("转交工单"));
        Command(group.MapPost("/{id:int}/resolve", ResolveAsync).WithName("ResolveTicket").WithSummary("解决工单"));
        Command(group.MapPost("/{id:int}/reopen", ReopenAsync).WithName("ReopenTicket").WithSummary("重新打开工单"));
        Command(group.MapPost("/{id:int}/follow-up", FollowUpAsync).WithName("FollowUpTicket").WithSummary("记录回访"));
        Command(group.MapPost("/{id:int}/rate", RateAsync).WithName("RateTicket").WithSummary("记录电话回访评价"));
        Command(group.MapPost("/{id:int}/close", CloseAsync).WithName("CloseTicket").WithSummary("关闭工单"));
        Command(group.MapPost("/{id:int}/guidance-outcome", GuidanceOutcomeAsync).WithName("RecordGuidanceOutcome").WithSummary("记录线上引导办理结果"));
        Command(group.MapPost("/{id:int}/wait-on-taxpayer", WaitOnTaxpayerAsync).WithName("WaitOnTaxpayer").WithSummary("等待纳税人（暂停 SLA 计时）"));
        Command(group.MapPost("/{id:int}/resume", ResumeAsync).WithName("ResumeTicket").WithSummary("恢复处理（解决时限按暂停时长顺延）"));

        // Whatever no endpoint takes is still answered as a problem, not with the HTML not-found page. Routing
        // steers a POST without a JSON body, or a method an address does not take, away from the endpoints; such
        // requests land here too (ApiFallback answers 415 / 405 / 404).
        group.Map("/{**rest}", ApiFallback.Answer)
            .ExcludeFromDescription();
        return group;
    }

    private static void Command(RouteHandlerBuilder endpoint) => endpoint
        .WithDescription("version 为读取时的版本号；填写后若工单已被他人修改则返回 409。")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Created<TicketRef>> CreateAsync(
        ApiBody<CreateTicketRequest> body, ApiLookup lookup, TicketCommands commands, HallTime time, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = body.Value;
        var errors = new ApiErrors();
        var draft = new TicketDraft
        {
            TaxpayerName = r.TaxpayerName ?? "",
            TaxpayerId = r.TaxpayerId,
            TaxpayerPhone = r.TaxpayerPhone,
            Channel = errors.Required(r.Channel, "channel", "请选择渠道。"),
            Category = errors.Required(r.Category, "category", "请选择业务类别。"),
            Kind = errors.Required(r.Kind, "kind", "请选择服务类型。"),
            Priority = r.Priority ?? Priority.Normal,
            Description = r.Description ?? "",
            GuidedOnline = r.GuidedOnline ?? false,
            GuidanceSucceeded = r.GuidanceSucceeded,
            GuidanceItemId = r.GuidanceItemId,
        };
        try
        {
            draft = draft.Validated(time.Today);
        }
        catch (ValidationFailedException invalid)
        {
            errors.Add(invalid.Errors);
        }

        var hallCode = errors.Required(r.HallCode, "hallCode", "请填写办税服务厅代码。");
        var hallId = hallCode.Length > 0 ? await lookup.HallIdAsync(hallCode, ct) : null;
        if (hallCode.Length > 0 && hallId is null) errors.Add("hallCode", $"办税服务厅“{hallCode}”不存在。");
        if (hallId is int named) ApiAccess.HallFor(user.ToActor(), named);
        int? takerId = null;
        if (hallId is int hall && !string.IsNullOrWhiteSpace(r.TakeByEngineerNo))
        {
            takerId = await lookup.EngineerIdAsync(hall, r.TakeByEngineerNo, ct);
            if (takerId is null) errors.Add("takeByEngineerNo", $"工号“{r.TakeByEngineerNo.Trim()}”不是本厅在岗工程师。");
        }
        errors.ThrowIfAny();

        // Intake takes the ticket for the actor's engineer, so the integration acts for the named engineer
        // in this one call and the ticket is created and taken in a single transaction.
        var actor = user.ToActor() with { EngineerId = takerId };
        var created = await commands.IntakeAsync(hallId!.Value, draft, actor, takeNow: takerId is not null, ct);
        return TypedResults.Created($"/api/tickets/{created.Id}", created);
    }

    private static async Task<Ok<TicketResource>> GetAsync(
        int id, TicketQueries queries, ApiReadAudit audit, HallTime time, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActor();
        var detail = await queries.GetAsync(id, actor.HallScope, ct) ?? throw new NotFoundException("工单不存在。");
        var pii = actor.SeesPii();
        await audit.TicketAsync(actor, detail.Row.Number, pii, ct);
        return TypedResults.Ok(TicketResource.From(detail, time.UtcNow, pii));
    }

    private static async Task<Ok<TicketList>> ListAsync([AsParameters] TicketListQuery query, ApiLookup lookup, TicketQueries queries,
        ApiReadAudit audit, HallTime time, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActor();
        var errors = new ApiErrors();
        var status = ParseEnum<TicketStatus>(query.Status, "status", "状态", errors);
        var view = ParseEnum<QueueView>(query.View, "view", "视图", errors, except: QueueView.Mine) ?? QueueView.All;
        var channel = ParseEnum<Channel>(query.Channel, "channel", "渠道", errors);
        var page = ParseInt(query.Page, 1, "page", $"页码须为 1–{TicketFilter.MaxPage} 之间的整数。", errors, min: 1, max: TicketFilter.MaxPage);
        var pageSize = ParseInt(query.PageSize, 50, "pageSize", $"每页条数须为 1–{MaxPageSize} 之间的整数。", errors, min: 1, max: MaxPageSize);
        if (query.Q is { Length: > 100 }) errors.Add("q", "搜索内容最多 100 字。");
        else if (query.Q is { } search && TextRules.NameProblem(search) is { } why) errors.Add("q", "搜索内容" + why);
        int? hallId = null;
        if (!string.IsNullOrWhiteSpace(query.Hall))
        {
            hallId = await lookup.HallIdAsync(query.Hall, ct);
            if (hallId is null) errors.Add("hall", $"办税服务厅“{query.Hall.Trim()}”不存在。");
        }
        errors.ThrowIfAny();
        hallId = ApiAccess.HallFor(actor, hallId);

        var result = await queries.ListAsync(new TicketFilter
        {
            HallId = hallId, View = view, Status = status, Channel = channel, Search = query.Q, Page = page, PageSize = pageSize,
        }, ct);
        await audit.ListAsync(actor, [.. result.Rows.Select(r => r.Number)], result.Page, actor.SeesPii(), ct);
        var now = time.UtcNow;
        return TypedResults.Ok(new TicketList([.. result.Rows.Select(row => TicketSummary.From(row, now))], result.Total, result.Page, result.PageSize));
    }

    private static async Task<Ok<TicketRef>> TakeAsync(
        int id, ApiBody<TakeRequest> body, ApiLookup lookup, TicketCommands commands, ClaimsPrincipal user, CancellationToken ct)
    {
        var engineerId = await lookup.EngineerOfTicketHallAsync(id, body.Value.EngineerNo, "engineerNo", user.ToActor().HallScope, ct);
        return TypedResults.Ok(await commands.TakeAsync(id, body.Value.Version, engineerId, user.ToActor(), ct));
    }

    private static async Task<Ok<TicketRef>> HandOverAsync(
        int id, ApiBody<HandOverRequest> body, ApiLookup lookup, TicketCommands commands, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = body.Value;
        var engineerId = await lookup.EngineerOfTicketHallAsync(id, r.ToEngineerNo, "toEngineerNo", user.ToActor().HallScope, ct);
        return TypedResults.Ok(await commands.HandOverAsync(id, r.Version, engineerId, r.Reason ?? "", user.ToActor(), ct));
    }

    private static async Task<Ok<TicketRef>> ResolveAsync(int id, ApiBody<ResolveRequest> body, TicketCommands commands, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await commands.ResolveAsync(id, body.Value.Version, body.Value.Resolution ?? "", user.ToActor(), ct));

    private static async Task<Ok<TicketRef>> ReopenAsync(int id, ApiBody<ReopenRequest> body, TicketCommands commands, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await commands.ReopenAsync(id, body.Value.Version, body.Value.Reason ?? "", user.ToActor(), ct));

    private static async Task<Ok<TicketRef>> FollowUpAsync(int id, ApiBody<FollowUpRequest> body, TicketCommands commands, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = body.Value;
        var errors = new ApiErrors();
        var outcome = errors.Required(r.Outcome, "outcome", "请选择回访结果。");
        errors.ThrowIfAny();
        return TypedResults.Ok(await commands.FollowUpAsync(id, r.Version, outcome, r.Note, user.ToActor(), ct));
    }

    private static async Task<Ok<TicketRef>> GuidanceOutcomeAsync(int id, ApiBody<GuidanceOutcomeRequest> body,
        Features.Guidance.GuidanceItems guidance, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = body.Value;
        var errors = new ApiErrors();
        var succeeded = errors.Required(r.Succeeded, "succeeded", "请填写线上办理是否成功。");
        errors.ThrowIfAny();
        return TypedResults.Ok(await guidance.RecordOutcomeAsync(id, r.Version, succeeded, user.ToActor(), ct));
    }

    private static async Task<Ok<TicketRef>> RateAsync(int id, ApiBody<RateRequest> body, TicketCommands commands, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = body.Value;
        var errors = new ApiErrors();
        var level = errors.Required(r.Level, "level", "请选择满意度等级。");
        errors.ThrowIfAny();
        return TypedResults.Ok(await commands.RateAsync(id, r.Version, level, r.Comment, RatingSource.CallBack, user.ToActor(), ct));
    }

    private static async Task<Ok<TicketRef>> CloseAsync(int id, ApiBody<CloseRequest> body, TicketCommands commands, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = body.Value;
        var errors = new ApiErrors();
        var reason = errors.Required(r.Reason, "reason", "请选择关闭原因。");
        errors.ThrowIfAny();
        return TypedResults.Ok(await commands.CloseAsync(id, r.Version, reason, r.Note, user.ToActor(), ct));
    }

    private static async Task<Ok<TicketRef>> WaitOnTaxpayerAsync(int id, ApiBody<WaitOnTaxpayerRequest> body, TicketCommands commands, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await commands.WaitOnTaxpayerAsync(id, body.Value.Version, body.Value.Reason ?? "", user.ToActor(), ct));

    private static async Task<Ok<TicketRef>> ResumeAsync(int id, ApiBody<ResumeRequest> body, TicketCommands commands, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await commands.ResumeAsync(id, body.Value.Version, user.ToActor(), ct));

    /// <summary>Names only: Enum.TryParse would also take "7" or an undefined number.</summary>
    private static T? ParseEnum<T>(string? raw, string field, string label, ApiErrors errors, T? except = null) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var allowed = Enum.GetValues<T>().Where(v => !v.Equals(except)).ToList();
        var match = allowed.Where(v => string.Equals(v.ToString(), raw.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (match.Count == 1) return match[0];
        errors.Add(field, $"{label}“{raw.Trim()}”无效，可选值：{string.Join("、", allowed)}。");
        return null;
    }

    private static int ParseInt(string? raw, int fallback, string field, string message, ApiErrors errors, int min, int max = int.MaxValue)
    {
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (int.TryParse(raw.Trim(), out var value) && value >= min && value <= max) return value;
        errors.Add(field, message);
        return fallback;
    }
}
