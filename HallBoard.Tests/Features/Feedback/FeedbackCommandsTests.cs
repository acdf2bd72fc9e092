using HallBoard.Features.Account;
using HallBoard.Domain;
using HallBoard.Features.Feedback;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Tickets;
using HallBoard.Live;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Feedback;

/// <summary>Feedback from its three doors on the real SQLite database: what is saved, audited, refused and announced.</summary>
public sealed class FeedbackCommandsTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private FeedbackCommands Commands => app.Get<FeedbackCommands>();
    private TicketCommands Tickets => app.Get<TicketCommands>();

    private async Task<(TicketRef Ticket, Actor Engineer)> ResolvedTicketAsync(int engineer = 3)
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(engineer);
        var t = await Tickets.IntakeAsync(hall.Id, new TicketDraft { TaxpayerName = "周九", TaxpayerPhone = "13900139000", Description = "发票领用失败" }, eng, takeNow: true);
        t = await Tickets.ResolveAsync(t.Id, null, "重新领用成功", eng);
        return (t, eng);
    }

    [Fact]
    public async Task A_complaint_after_rating_is_saved_audited_flags_its_ticket_and_alerts_the_lead()
    {
        using var feed = new FeedRecorder(app);
        var (ticket, eng) = await ResolvedTicketAsync();
        var token = await app.Get<SatisfactionLinks>().CreateAsync(ticket.Id, RatingSource.OwnPhone, eng);
        await app.Get<SatisfactionLinks>().RateAsync(token, SatisfactionLevel.Satisfied, null);

        var created = await Commands.SubmitAfterRatingAsync(token, new FeedbackDraft
        {
            Kind = FeedbackKind.Complaint, Content = "工作人员态度冷淡", ContactPhone = "139 0013 9000",
        });

        var saved = await app.WithDbAsync(db => db.Feedback.Include(f => f.Events).SingleAsync(f => f.Id == created.Id));
        Assert.Equal(ticket.Id, saved.TicketId);
        Assert.Equal(FeedbackSource.RatingPage, saved.Source);
        Assert.Equal("13900139000", saved.ContactPhone);
        Assert.Matches(@"^YJ-\d{8}-\d{6}$", saved.Number);
        var t = await app.WithDbAsync(db => db.Tickets.SingleAsync(x => x.Id == ticket.Id));
        Assert.NotNull(t.CallBackRequiredUtc);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == saved.Number || a.EntityId == t.Number)
            .Select(a => a.Action).ToListAsync());
        Assert.Contains("收到纳税人意见", audit);
        var notice = await feed.WaitForAsync(c => c.Kind == HallChangeKind.LeadNotice && c.Notice!.Kind == LeadNotices.ComplaintKind);
        Assert.Equal(t.HallId, notice.HallId);
        Assert.Equal($"/feedback/{saved.Id}", notice.Notice!.Link);
        Assert.Contains(t.Number, notice.Notice.Message);
        Assert.DoesNotContain("周九", notice.Notice.Message);

        // The ticket cannot close until the call-back is recorded.
        var refused = await Assert.ThrowsAsync<TicketRuleException>(() => Tickets.CloseAsync(ticket.Id, null, CloseReason.Declined, "纳税人不愿回访", eng));
        Assert.Contains("须先记录一次回访", refused.Message);
        await Tickets.FollowUpAsync(ticket.Id, null, FollowUpOutcome.Reached, "已致歉", eng);
        var closed = await Tickets.CloseAsync(ticket.Id, null, CloseReason.Completed, null, eng);
        Assert.Equal(TicketStatus.Closed, closed.Status);
    }

    [Fact]
    public async Task A_poor_rating_on_the_phone_alerts_the_lead_at_once()
    {
        using var feed = new FeedRecorder(app);
        var (ticket, eng) = await ResolvedTicketAsync(4);
        var token = await app.Get<SatisfactionLinks>().CreateAsync(ticket.Id, RatingSource.OwnPhone, eng);
        await app.Get<SatisfactionLinks>().RateAsync(token, SatisfactionLevel.VeryDissatisfied, "问题没解决");

        var notice = await feed.WaitForAsync(c => c.Kind == HallChangeKind.LeadNotice && c.TicketId == ticket.Id);
        Assert.Equal(LeadNotices.BadRatingKind, notice.Notice!.Kind);
        Assert.Contains("非常不满意", notice.Notice.Message);
        Assert.Equal($"/tickets/{ticket.Id}", notice.Notice.Link);
        Assert.NotNull(await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.CallBackRequiredUtc).SingleAsync()));
    }

    [Fact]
    public async Task Public_feedback_may_be_anonymous_and_an_opinion_alerts_nobody()
    {
        using var feed = new FeedRecorder(app);
        var created = await Commands.SubmitPublicAsync("gx", new FeedbackDraft { Kind = FeedbackKind.Suggestion, Content = "建议增加母婴室" });
        var saved = await app.WithDbAsync(db => db.Feedback.SingleAsync(f => f.Id == created.Id));
        Assert.Null(saved.ContactName);
        Assert.Null(saved.ContactPhone);
        Assert.Null(saved.TicketId);
        Assert.Equal(FeedbackSource.PublicPage, saved.Source);
        Assert.Equal(Actor.Taxpayer.Id, saved.CreatedById);
        // A marker notice after it: a notice about this feedback would have been handed out before the marker.
        await app.Get<HallNotifier>().PublishAsync(HallChange.ForLead(saved.HallId, new LeadNotice("Marker", "标记", "/marker")));
        await feed.WaitForAsync(c => c.Notice?.Link == "/marker");
        Assert.DoesNotContain(feed.All, c => c.Kind == HallChangeKind.LeadNotice && c.Notice!.Link == $"/feedback/{saved.Id}");
        await Assert.ThrowsAsync<NotFoundException>(() => Commands.SubmitPublicAsync("NOPE", new FeedbackDraft { Content = "好" }));
    }

    [Fact]
    public async Task Markup_an_invalid_phone_or_a_ticket_of_another_hall_is_refused_and_nothing_is_saved()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(5);
        var other = await app.WithDbAsync(async db =>
        {
            var h = new Hall { Code = $"X{Guid.NewGuid():N}"[..6].ToUpperInvariant(), Name = "另一办税服务厅" };
            db.Halls.Add(h);
            await db.SaveChangesAsync();
            return h;
        });
        var foreign = await Tickets.IntakeAsync(other.Id, new TicketDraft { TaxpayerName = "吴十", Description = "社保查询" }, HallAppFactory.Admin, takeNow: false);
        var before = await app.WithDbAsync(db => db.Feedback.CountAsync());

        var markup = await Assert.ThrowsAsync<ValidationFailedException>(() => Commands.SubmitForTaxpayerAsync(hall.Id,
            new FeedbackDraft { Kind = FeedbackKind.Complaint, Content = "<script>alert(1)</script>" }, null, eng));
        Assert.Equal("意见内容不能包含 HTML 标记或脚本。", markup.Errors["content"].Single());
        var phone = await Assert.ThrowsAsync<ValidationFailedException>(() => Commands.SubmitForTaxpayerAsync(hall.Id,
            new FeedbackDraft { Content = "排队太久", ContactPhone = "138001380" }, null, eng));
        Assert.True(phone.Errors.ContainsKey("contactPhone"));
        var linked = await Assert.ThrowsAsync<ValidationFailedException>(() => Commands.SubmitForTaxpayerAsync(hall.Id,
            new FeedbackDraft { Kind = FeedbackKind.Complaint, Content = "排队太久" }, foreign.Number, eng));
        Assert.Equal("关联的工单不存在或不属于本厅。", linked.Errors["ticketNumber"].Single());
        await Assert.ThrowsAsync<ForbiddenException>(() => Commands.SubmitForTaxpayerAsync(other.Id,
            new FeedbackDraft { Content = "排队太久" }, null, eng));

        Assert.Equal(before, await app.WithDbAsync(db => db.Feedback.CountAsync()));
        Assert.Null(await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == foreign.Id).Select(t => t.CallBackRequiredUtc).SingleAsync()));
    }

    [Fact]
    public async Task The_lead_moves_feedback_on_step_by_step_with_an_audit_entry_each_and_illegal_moves_are_refused()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(6);
        var lead = HallAppFactory.As(Roles.HallLead, "u-lead", "赵主任", hall.Id);
        var (ticket, _) = await ResolvedTicketAsync(6);
        var number = await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.Number).SingleAsync());
        var f = await Commands.SubmitForTaxpayerAsync(hall.Id, new FeedbackDraft { Kind = FeedbackKind.Consultation, Content = "发票怎么红冲" },
            number.ToLowerInvariant(), eng);
        Assert.Equal(FeedbackStatus.Received, f.Status);

        f = await Commands.AdvanceAsync(f.Id, f.Version, "已报送", lead);
        Assert.Equal(FeedbackStatus.Reported, f.Status);
        var stale = await Assert.ThrowsAsync<FeedbackRuleException>(() => Commands.AdvanceAsync(f.Id, f.Version - 1, null, lead));
        Assert.Contains("已被他人更新", stale.Message);
        f = await Commands.AdvanceAsync(f.Id, f.Version, null, lead);
        var noReply = await Assert.ThrowsAsync<FeedbackRuleException>(() => Commands.AdvanceAsync(f.Id, f.Version, "", lead));
        Assert.Equal("请填写答复内容。", noReply.Message);
        f = await Commands.AdvanceAsync(f.Id, f.Version, "已电话答复红冲流程", lead);
        f = await Commands.AdvanceAsync(f.Id, f.Version, null, lead);
        Assert.Equal(FeedbackStatus.Closed, f.Status);
        await Assert.ThrowsAsync<FeedbackRuleException>(() => Commands.AdvanceAsync(f.Id, null, null, lead));

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == f.Number).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["收到纳税人意见", "意见已报送", "意见处理中", "意见已答复", "意见已办结"], audit);
        var detail = await app.Get<FeedbackQueries>().GetAsync(f.Id, hall.Id);
        Assert.Equal("已电话答复红冲流程", detail!.Reply);
        Assert.Equal(ticket.Id, detail.Row.TicketId);
        Assert.False(detail.TicketCallBackPending); // a consultation owes no call-back
        Assert.Null(await app.Get<FeedbackQueries>().GetAsync(f.Id, hall.Id + 1000));
    }
}
