using HallBoard.Features.Account;
using HallBoard.Domain;
using HallBoard.Features.Feedback;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Features.Feedback;

/// <summary>Due dates come from configuration, and feedback past its current step's due date shows as overdue.</summary>
public sealed class FeedbackDueDateTests(FeedbackDueDateTests.ShortDeadlines app) : IClassFixture<FeedbackDueDateTests.ShortDeadlines>
{
    /// <summary>A hall on a clock the test moves, that must report feedback within 2 hours and reply within 1 day.</summary>
    public sealed class ShortDeadlines : HallAppFactory
    {
        public ShortDeadlines()
        {
            Clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FakeClockHall.Start);
            Settings["Feedback:ReportWithinHours"] = "2";
            Settings["Feedback:ReplyWithinDays"] = "1";
        }
    }

    [Fact]
    public async Task Feedback_not_reported_in_time_is_listed_as_overdue_until_it_moves_on()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var commands = app.Get<FeedbackCommands>();
        var queries = app.Get<FeedbackQueries>();
        var f = await commands.SubmitForTaxpayerAsync(hall.Id, new FeedbackDraft { Kind = FeedbackKind.Opinion, Content = "取号机经常卡纸" }, null, hall.Engineer(1));
        var row = (await queries.ListAsync(hall.Id, FeedbackView.Open)).Single();
        Assert.Equal(FakeClockHall.Start.UtcDateTime.AddHours(2), row.DueUtc);
        Assert.Empty(await queries.ListAsync(hall.Id, FeedbackView.Overdue));

        app.Clock!.Advance(TimeSpan.FromHours(3));
        Assert.Equal(f.Id, (await queries.ListAsync(hall.Id, FeedbackView.Overdue)).Single().Id);
        Assert.Equal((1, 1), await queries.CountsAsync(hall.Id));

        var lead = HallAppFactory.As(Roles.HallLead, "u-lead-d", "赵主任", hall.Id);
        f = await commands.AdvanceAsync(f.Id, f.Version, "已报送", lead);
        f = await commands.AdvanceAsync(f.Id, f.Version, null, lead);
        Assert.Empty(await queries.ListAsync(hall.Id, FeedbackView.Overdue));
        Assert.Equal(FakeClockHall.Start.UtcDateTime.AddDays(1), (await queries.ListAsync(hall.Id, FeedbackView.Open)).Single().DueUtc);

        app.Clock!.Advance(TimeSpan.FromDays(1));
        Assert.Single(await queries.ListAsync(hall.Id, FeedbackView.Overdue));
    }
}
