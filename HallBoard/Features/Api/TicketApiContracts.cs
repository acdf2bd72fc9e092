using System.ComponentModel;
using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Live;
using Microsoft.AspNetCore.Mvc;

namespace HallBoard.Features.Api;

// What integrations send and receive. Enums travel as their names ("ETaxWeb"); the Description of a
// field is its Chinese name, used both in the OpenAPI document and in field error messages. Required
// fields are nullable too, so a missing one gets a Chinese field message instead of a serializer error;
// optional ones default to null, which is how the OpenAPI document tells them apart.

public sealed record CreateTicketRequest(
    [property: Description("办税服务厅代码")] string? HallCode,
    [property: Description("纳税人名称")] string? TaxpayerName,
    [property: Description("渠道")] Channel? Channel,
    [property: Description("业务类别")] Category? Category,
    [property: Description("服务类型")] TicketKind? Kind,
    [property: Description("问题描述")] string? Description,
    [property: Description("纳税人识别号")] string? TaxpayerId = null,
    [property: Description("联系电话")] string? TaxpayerPhone = null,
    [property: Description("优先级，默认 Normal")] Priority? Priority = null,
    [property: Description("立即受理的工程师工号")] string? TakeByEngineerNo = null,
    [property: Description("是否已引导纳税人线上办理")] bool? GuidedOnline = null,
    [property: Description("线上办理是否成功，未知时留空")] bool? GuidanceSucceeded = null,
    [property: Description("引导服务清单中的事项编号")] int? GuidanceItemId = null);

public sealed record GuidanceOutcomeRequest(
    [property: Description("线上办理是否成功")] bool? Succeeded,
    [property: Description("版本号")] int? Version = null);

public sealed record TakeRequest(
    [property: Description("工程师工号")] string? EngineerNo,
    [property: Description("版本号")] int? Version = null);

public sealed record HandOverRequest(
    [property: Description("接手工程师工号")] string? ToEngineerNo,
    [property: Description("转交原因")] string? Reason,
    [property: Description("版本号")] int? Version = null);

public sealed record ResolveRequest(
    [property: Description("解决方案")] string? Resolution,
    [property: Description("版本号")] int? Version = null);

public sealed record ReopenRequest(
    [property: Description("重新打开原因")] string? Reason,
    [property: Description("版本号")] int? Version = null);

public sealed record FollowUpRequest(
    [property: Description("回访结果")] FollowUpOutcome? Outcome,
    [property: Description("回访记录")] string? Note = null,
    [property: Description("版本号")] int? Version = null);

public sealed record RateRequest(
    [property: Description("满意度等级")] SatisfactionLevel? Level,
    [property: Description("评价意见")] string? Comment = null,
    [property: Description("版本号")] int? Version = null);

public sealed record WaitOnTaxpayerRequest(
    [property: Description("等待纳税人的事项")] string? Reason,
    [property: Description("版本号")] int? Version = null);

public sealed record ResumeRequest(
    [property: Description("版本号")] int? Version = null);

public sealed record CloseRequest(
    [property: Description("关闭原因")] CloseReason? Reason,
    [property: Description("关闭说明")] string? Note = null,
    [property: Description("版本号")] int? Version = null);

/// <summary>Query of GET /api/tickets; read as text so a bad value gets a field message rather than an empty 400.</summary>
public sealed record TicketListQuery
{
    [FromQuery(Name = "hall"), Description("办税服务厅代码，如 GX")] public string? Hall { get; init; }
    [FromQuery(Name = "status"), Description("状态：Waiting、InProgress、Resolved、FollowedUp、Rated、Closed")] public string? Status { get; init; }
    [FromQuery(Name = "view"), Description("视图：All（默认）、Waiting、Overdue、ToCallBack、Open")] public string? View { get; init; }
    [FromQuery(Name = "channel"), Description("渠道：ETaxWeb、MobileApp、SelfServiceTerminal、SmartAreaPc、Hotline12366、Counter、Other")] public string? Channel { get; init; }
    [FromQuery(Name = "q"), Description("按工单号、纳税人名称或识别号搜索")] public string? Q { get; init; }
    [FromQuery(Name = "page"), Description("页码，从 1 开始")] public string? Page { get; init; }
    [FromQuery(Name = "pageSize"), Description("每页条数，1–200，默认 50")] public string? PageSize { get; init; }
}

public sealed record TicketSummary(
    int Id, string Number, DateTime CreatedUtc, TicketStatus Status, string StatusLabel, Channel Channel,
    Category Category, TicketKind Kind, Priority Priority, string TaxpayerName, string? AssigneeName,
    DateTime ResponseDueUtc, DateTime ResolveDueUtc, DateTime? ResolvedUtc, bool Overdue, int Version)
{
    public static TicketSummary From(TicketRow r, DateTime nowUtc) => new(
        r.Id, r.Number, r.CreatedUtc, r.Status, Labels.Of(r.Status), r.Channel, r.Category, r.Kind, r.Priority,
        r.TaxpayerName, r.AssigneeName, r.ResponseDueUtc, r.ResolveDueUtc, r.ResolvedUtc, r.IsOverdue(nowUtc), r.Version);
}

public sealed record TicketList(IReadOnlyList<TicketSummary> Items, int Total, int Page, int PageSize);

public sealed record TimelineEntry(
    DateTime AtUtc, TicketEventKind Kind, string KindLabel, TicketStatus? FromStatus, TicketStatus ToStatus, string Actor, string? Note);

public sealed record TicketResource(
    int Id, string Number, int Version, TicketStatus Status, string StatusLabel, string HallName, DateTime CreatedUtc,
    Channel Channel, Category Category, TicketKind Kind, Priority Priority,
    string TaxpayerName, string? TaxpayerId, string? TaxpayerPhone, string Description,
    string? AssigneeName, DateTime ResponseDueUtc, DateTime ResolveDueUtc, bool Overdue,
    DateTime? ResolvedUtc, string? Resolution, FollowUpOutcome? LastFollowUp, int FollowUpAttempts,
    SatisfactionLevel? Rating, string? RatingComment, RatingSource? RatingSource,
    CloseReason? CloseReason, string? CloseNote, int ReopenCount, IReadOnlyList<TimelineEntry> Timeline,
    bool GuidedOnline = false, bool? GuidanceSucceeded = null)
{
    /// <summary>Taxpayer ID and phone are masked unless <paramref name="pii"/> (the key's pii scope).</summary>
    public static TicketResource From(TicketDetail d, DateTime nowUtc, bool pii = false)
    {
        var r = d.Row;
        return new(r.Id, r.Number, r.Version, r.Status, Labels.Of(r.Status), d.HallName, r.CreatedUtc,
            r.Channel, r.Category, r.Kind, r.Priority,
            r.TaxpayerName, pii ? d.TaxpayerId : Masking.TaxpayerId(d.TaxpayerId),
            pii ? d.TaxpayerPhone : Masking.Phone(d.TaxpayerPhone), d.Description,
            r.AssigneeName, r.ResponseDueUtc, r.ResolveDueUtc, r.IsOverdue(nowUtc),
            r.ResolvedUtc, d.Resolution, d.LastFollowUp, r.FollowUpAttempts,
            d.Rating, d.RatingComment, d.RatingSource,
            d.CloseReason, d.CloseNote, d.ReopenCount,
            [.. d.Timeline.Select(e => new TimelineEntry(e.AtUtc, e.Kind, Labels.Of(e.Kind), e.FromStatus, e.ToStatus, e.ActorName, e.Note))],
            d.GuidedOnline, d.GuidanceSucceeded)
        {
            PausedSinceUtc = r.PausedSinceUtc,
        };
    }

    /// <summary>Set while the ticket waits on the taxpayer: the SLA clock stands still.</summary>
    [Description("等待纳税人起始时间（为空表示未暂停）")]
    public DateTime? PausedSinceUtc { get; init; }
}
