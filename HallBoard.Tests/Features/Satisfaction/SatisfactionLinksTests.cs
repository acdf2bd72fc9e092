using System.Net;
using HallBoard.Domain;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Satisfaction;

public sealed class SatisfactionLinksTests(SatisfactionLinksTests.App app) : IClassFixture<SatisfactionLinksTests.App>
{
    public sealed class App : HallAppFactory
    {
        // 2026-03-02 10:00 in the hall (UTC+8).
        public App() => Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
    }

    private const string TaxpayerName = "王小明";
    private const string TaxpayerId = "11010519491231002X";
    private const string TaxpayerPhone = "13800138000";
    private const string Description = "个税APP专项附加扣除填报失败";

    private SatisfactionLinks Links => app.Get<SatisfactionLinks>();
    private TicketCommands Commands => app.Get<TicketCommands>();
    private TicketQueries Queries => app.Get<TicketQueries>();

    [Fact]
    public async Task A_link_rates_once_and_a_second_use_is_refused_as_used()
    {
        var (ticket, eng) = await ResolvedTicketAsync();
        var token = await Links.CreateAsync(ticket.Id, RatingSource.OwnPhone, eng);

        await Links.RateAsync(token, SatisfactionLevel.VerySatisfied, "工程师很耐心");
        var again = await Assert.ThrowsAsync<TicketRuleException>(() => Links.RateAsync(token, SatisfactionLevel.VeryDissatisfied, null));

        Assert.Contains("已使用", again.Message);
        Assert.Equal(LinkState.Used, (await Links.ViewAsync(token)).State);
        var detail = (await Queries.GetAsync(ticket.Id, null))!;
        Assert.Equal(SatisfactionLevel.VerySatisfied, detail.Rating);
        Assert.Single(detail.Timeline, e => e.Kind == TicketEventKind.Rated);
    }

    [Fact]
    public async Task A_link_expires_after_24_hours()
    {
        var (ticket, eng) = await ResolvedTicketAsync();
        var token = await Links.CreateAsync(ticket.Id, RatingSource.OwnPhone, eng);

        app.Clock!.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        Assert.Equal(LinkState.Valid, (await Links.ViewAsync(token)).State);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(LinkState.Expired, (await Links.ViewAsync(token)).State);
        var expired = await Assert.ThrowsAsync<TicketRuleException>(() => Links.RateAsync(token, SatisfactionLevel.Satisfied, null));
        Assert.Contains("已过期", expired.Message);
        Assert.Null((await Queries.GetAsync(ticket.Id, null))!.Rating);
    }

    [Fact]
    public async Task The_link_shows_only_the_hall_name_and_the_service_date()
    {
        var time = app.Get<HallTime>();
        var serviceDay = time.Today;
        var (ticket, eng) = await ResolvedTicketAsync();
        var token = await Links.CreateAsync(ticket.Id, RatingSource.HandedTablet, eng);

        var view = await Links.ViewAsync(token);

        Assert.Equal(new RatingLinkView(LinkState.Valid, "高新区税务局办税服务厅", serviceDay), view);
        Assert.Equal(["HallName", "ServiceDate", "State"], typeof(RatingLinkView).GetProperties().Select(p => p.Name).Order());

        using var client = app.CreateClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/rate/{token}"));
        Assert.Contains("高新区税务局办税服务厅", html);
        Assert.Contains($"服务日期：{serviceDay:yyyy年M月d日}", html);
        Assert.DoesNotContain(TaxpayerName, html);
        Assert.DoesNotContain(TaxpayerId, html);
        Assert.DoesNotContain(TaxpayerPhone, html);
        Assert.DoesNotContain(Description, html);
        Assert.DoesNotContain(ticket.Number, html);
    }

    [Theory]
    [InlineData("unknown-token-0123456789abcdef")]
    [InlineData("")]
    [InlineData(null)]
    public async Task An_unknown_token_is_invalid(string? token)
    {
        var view = await Links.ViewAsync(token);

        Assert.Equal(new RatingLinkView(LinkState.Invalid, null, null), view);
        var refused = await Assert.ThrowsAsync<NotFoundException>(() => Links.RateAsync(token, SatisfactionLevel.Satisfied, null));
        Assert.Equal("评价链接无效。", refused.Message);
    }

    [Fact]
    public async Task An_over_long_token_is_invalid()
    {
        Assert.Equal(LinkState.Invalid, (await Links.ViewAsync(new string('a', 65))).State);
    }

    [Theory]
    [InlineData(RatingSource.HandedTablet)]
    [InlineData(RatingSource.OwnPhone)]
    public async Task The_rating_lands_on_the_ticket_with_the_source_of_the_link(RatingSource source)
    {
        var (ticket, eng) = await ResolvedTicketAsync();
        var token = await Links.CreateAsync(ticket.Id, source, eng);

        await Links.RateAsync(token, SatisfactionLevel.Basic, "  排队时间有点长  ");

        var detail = (await Queries.GetAsync(ticket.Id, null))!;
        Assert.Equal(SatisfactionLevel.Basic, detail.Rating);
        Assert.Equal(source, detail.RatingSource);
        Assert.Equal("排队时间有点长", detail.RatingComment);
        Assert.Equal(TicketStatus.Resolved, detail.Row.Status); // rated; the call-back is still to come
        var rated = detail.Timeline[^1];
        Assert.Equal(TicketEventKind.Rated, rated.Kind);
        Assert.Equal("纳税人", rated.ActorName);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == ticket.Number).OrderBy(a => a.Id).Select(a => new { a.Action, a.ActorId }).ToListAsync());
        Assert.Equal(["工单录入", "解决工单", "生成评价链接", "满意度评价"], audit.Select(a => a.Action));
        Assert.Equal(Actor.Taxpayer.Id, audit[^1].ActorId);
    }

    [Fact]
    public async Task A_link_is_refused_for_a_ticket_not_yet_resolved_or_already_rated()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        var open = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: true);

        var notResolved = await Assert.ThrowsAsync<TicketRuleException>(() => Links.CreateAsync(open.Id, RatingSource.OwnPhone, eng));
        Assert.Equal(TicketRule.IllegalTransition, notResolved.Rule);

        var (rated, _) = await ResolvedTicketAsync();
        await Commands.RateAsync(rated.Id, null, SatisfactionLevel.Satisfied, null, RatingSource.CallBack, eng);
        var already = await Assert.ThrowsAsync<TicketRuleException>(() => Links.CreateAsync(rated.Id, RatingSource.OwnPhone, eng));
        Assert.Equal(TicketRule.AlreadyRated, already.Rule);
    }

    [Fact]
    public async Task A_link_whose_ticket_was_rated_meanwhile_is_refused_and_the_first_rating_stays()
    {
        var (ticket, eng) = await ResolvedTicketAsync();
        var token = await Links.CreateAsync(ticket.Id, RatingSource.OwnPhone, eng);
        await Commands.RateAsync(ticket.Id, null, SatisfactionLevel.Satisfied, null, RatingSource.CallBack, eng);

        var refused = await Assert.ThrowsAsync<TicketRuleException>(() => Links.RateAsync(token, SatisfactionLevel.VeryDissatisfied, null));

        Assert.Equal(TicketRule.AlreadyRated, refused.Rule);
        var detail = (await Queries.GetAsync(ticket.Id, null))!;
        Assert.Equal(SatisfactionLevel.Satisfied, detail.Rating);
        Assert.Equal(RatingSource.CallBack, detail.RatingSource);
    }

    [Fact]
    public async Task One_link_used_twice_at_the_same_moment_rates_once()
    {
        var (ticket, eng) = await ResolvedTicketAsync();
        var token = await Links.CreateAsync(ticket.Id, RatingSource.OwnPhone, eng);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try { await Links.RateAsync(token, SatisfactionLevel.Satisfied, null); return true; }
            catch (HallBoardException) { return false; }
        })));

        Assert.Single(outcomes, ok => ok);
        var detail = (await Queries.GetAsync(ticket.Id, null))!;
        Assert.Single(detail.Timeline, e => e.Kind == TicketEventKind.Rated);
        Assert.Equal(LinkState.Used, (await Links.ViewAsync(token)).State);
    }

    private static TicketDraft Draft() => new()
    {
        TaxpayerName = TaxpayerName,
        TaxpayerId = TaxpayerId,
        TaxpayerPhone = TaxpayerPhone,
        Channel = Channel.MobileApp,
        Category = Category.IndividualIncomeTax,
        Kind = TicketKind.Consultation,
        Description = Description,
    };

    private async Task<(TicketRef Ticket, Actor Engineer)> ResolvedTicketAsync()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(2);
        var ticket = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: true);
        ticket = await Commands.ResolveAsync(ticket.Id, ticket.Version, "指导纳税人在个税APP中重新填报", eng);
        return (ticket, eng);
    }
}
