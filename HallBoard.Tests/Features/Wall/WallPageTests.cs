using System.Globalization;
using System.Security.Claims;
using Bunit;
using HallBoard.Features.Account;
using HallBoard.Features.Wall;
using HallBoard.Features.Wall.Pages;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HallBoard.Tests.Features.Wall;

/// <summary>The wall page of a hall of its own, on a clock the test moves: a change after a quiet spell is drawn at
/// once, a change within 250 ms of the last render waits for those 250 ms to pass on that clock, and times and
/// colours move on only when the clock does.</summary>
[Trait("Provider", "Sqlite")] // component tests: the Postgres pass covers their services directly
public sealed class WallPageTests : BunitContext, IClassFixture<QuietFakeClockHall>, IAsyncLifetime
{
    private static readonly TimeSpan Throttle = WallPage.MinRenderInterval;
    private readonly QuietFakeClockHall _app;
    private TestHall _hall = default!;

    public WallPageTests(QuietFakeClockHall app)
    {
        _app = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(app.Get<WallSnapshots>());
        Services.AddSingleton(app.Get<HallFeed>());
        Services.AddSingleton(app.Get<HallTime>());
        Services.AddSingleton(app.Get<HallDirectory>());
        Services.AddSingleton<TimeProvider>(app.Time);
        Services.AddSingleton(app.Get<IOptions<WallOptions>>());
        Services.AddSingleton(app.Get<IOptions<HallOptions>>());
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        _hall = await TestHall.CreateAsync(_app, engineers: 3);
        AddAuthorization().SetAuthorized("大厅大屏").SetRoles(Roles.Display)
            .SetClaims(new Claim(HallClaims.HallId, _hall.Id.ToString(CultureInfo.InvariantCulture)));
        SetRendererInfo(new RendererInfo("Server", true)); // the live circuit, not the first server-rendered paint
    }

    // MudBlazor-free, but bUnit's services still want asynchronous disposal; xunit 2 disposes synchronously otherwise.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public async Task The_wall_shows_the_taxpayer_masked_and_never_the_name_ID_or_phone()
    {
        var ticket = await _hall.IntakeAsync(_app, "欧阳明月", taxpayerId: "11010519491231002X", phone: "13912345678");

        var wall = RenderWall();

        var row = wall.Find($".wall-queue [data-number='{ticket.Number}']");
        Assert.Contains("欧**", row.TextContent);
        Assert.Contains("发票", row.TextContent);
        Assert.DoesNotContain("欧阳明月", wall.Markup);
        Assert.DoesNotContain("阳明", wall.Markup);
        Assert.DoesNotContain("11010519491231002X", wall.Markup);
        Assert.DoesNotContain("13912345678", wall.Markup);
    }

    [Fact]
    public async Task A_wait_turns_amber_from_three_quarters_of_the_response_target_and_red_once_it_is_passed()
    {
        var ticket = await _hall.IntakeAsync(_app, "张三"); // 普通: taken within 10 minutes
        var wall = RenderWall();
        Assert.Contains("wall-fine", RowClass(wall, ticket.Number));

        _app.Time.AdvanceUntil(wall, () => Assert.Equal("7分", WaitedFor(wall, ticket.Number)), firstStep: TimeSpan.FromMinutes(7));
        Assert.Contains("wall-fine", RowClass(wall, ticket.Number));

        _app.Time.AdvanceUntil(wall, () => Assert.Contains("wall-near", RowClass(wall, ticket.Number)), firstStep: TimeSpan.FromSeconds(30));
        Assert.Equal("7分", WaitedFor(wall, ticket.Number));

        _app.Time.AdvanceUntil(wall, () => Assert.Contains("wall-late", RowClass(wall, ticket.Number)),
            firstStep: TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(31));
        Assert.Contains("等待超过响应时限", wall.Find(".wall-alerts").TextContent);
    }

    [Fact]
    public async Task A_long_queue_pages_through_by_itself_eight_rows_at_a_time()
    {
        for (var i = 0; i < 10; i++) await _hall.IntakeAsync(_app, $"排队{i}");
        var wall = RenderWall();
        Assert.Equal(8, wall.FindAll(".wall-queue li").Count);
        Assert.Equal("第 1/2 页", wall.Find(".wall-queue .wall-pager").TextContent.Trim());

        _app.Time.AdvanceUntil(wall, () => Assert.Equal("第 2/2 页", wall.Find(".wall-queue .wall-pager").TextContent.Trim()),
            firstStep: TimeSpan.FromSeconds(8));
        Assert.Equal(2, wall.FindAll(".wall-queue li").Count);

        _app.Time.AdvanceUntil(wall, () => Assert.Equal("第 1/2 页", wall.Find(".wall-queue .wall-pager").TextContent.Trim()),
            firstStep: TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_ticket_taken_in_elsewhere_appears_and_moves_to_in_service_when_taken()
    {
        var wall = RenderWall();

        var ticket = await _hall.IntakeAsync(_app, "李四");
        wall.WaitForAssertion(() => Assert.Single(wall.FindAll($".wall-queue [data-number='{ticket.Number}']")));

        await _hall.TakeAsync(_app, ticket, by: 2);
        _app.Time.AdvanceUntil(wall, () => Assert.Contains("工程师2", wall.Find($".wall-service [data-number='{ticket.Number}']").TextContent));
        Assert.Empty(wall.FindAll($".wall-queue [data-number='{ticket.Number}']"));
        var engineer = wall.FindAll(".wall-engineers li").Single(li => li.TextContent.Contains("工程师2")).TextContent;
        Assert.Contains("服务中", engineer);
        Assert.Contains($"自 {_app.Get<HallTime>().Format(_app.Time.GetUtcNow().UtcDateTime, "HH:mm")}", engineer);
    }

    [Fact]
    public async Task A_change_is_drawn_at_once_and_a_burst_after_it_in_one_more_render_a_quarter_second_later()
    {
        var wall = RenderWall();
        await WhenSettledAsync(wall);
        // The queue is drawn with every render of the page: a list parameter never counts as unchanged.
        var queue = wall.FindComponent<WaitingQueue>();
        var renders = queue.RenderCount;

        // Leading edge: the clock has not moved, yet the first change is on the screen.
        await _hall.IntakeAsync(_app, "高峰0");
        wall.WaitForAssertion(() => Assert.Equal("1", QueueCount(wall)));
        Assert.Equal(renders + 1, queue.RenderCount);

        for (var i = 1; i < 12; i++) await _hall.IntakeAsync(_app, $"高峰{i}");
        // Each of these was heard before its intake returned; the next draw waits for 250 ms on the wall's clock,
        // which has not moved, so nothing more is drawn yet.
        Assert.Equal(renders + 1, queue.RenderCount);
        Assert.Equal("1", QueueCount(wall));

        // Trailing edge: the rest of the burst, together, once 250 ms have passed.
        _app.Time.Advance(Throttle);
        wall.WaitForAssertion(() => Assert.Equal("12", QueueCount(wall)));
        Assert.Equal(renders + 2, queue.RenderCount);
    }

    [Fact]
    public async Task An_idle_wall_is_not_drawn_again_as_seconds_pass_its_clock_ticks_in_the_browser()
    {
        var drawnAt = _app.Time.GetUtcNow();
        var wall = RenderWall();
        Assert.Equal(_app.Get<HallTime>().Format(drawnAt.UtcDateTime, "HH:mm:ss"), wall.Find(".wall-time").TextContent.Trim());
        Assert.Equal(drawnAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            wall.Find(".wall-clock").GetAttribute("data-server-ms"));
        await WhenSettledAsync(wall);
        var queue = wall.FindComponent<WaitingQueue>();
        var renders = queue.RenderCount;
        var header = wall.FindComponent<WallHeader>();

        for (var i = 0; i < 5; i++) _app.Time.Advance(TimeSpan.FromSeconds(1));

        // A change after the seconds is the sentinel: the wall draws in turn, so a draw for any of those seconds would
        // come before the change's. One draw in all, and it redraws the lists, not the header: the browser's clock
        // stays in charge of the time.
        await _hall.IntakeAsync(_app, "静候");
        wall.WaitForAssertion(() => Assert.Equal("1", QueueCount(wall)));
        Assert.Equal(renders + 1, queue.RenderCount);
        Assert.Equal(1, header.RenderCount);
    }

    [Fact]
    public async Task A_screen_of_one_hall_cannot_show_another_or_a_hall_that_does_not_exist()
    {
        var other = await TestHall.CreateAsync(_app, engineers: 1);

        Assert.Equal("只能查看本厅的大屏。", RenderWall(other.Code).Find(".wall-message").TextContent.Trim());
        Assert.Equal("办税服务厅“NOPE”不存在。", RenderWall("NOPE").Find(".wall-message").TextContent.Trim());
    }

    private IRenderedComponent<WallPage> RenderWall(string? code = null)
    {
        var wall = Render<WallPage>(p => p.Add(x => x.HallCode, code ?? _hall.Code));
        wall.WaitForElement(code is null ? ".wall" : ".wall-message");
        return wall;
    }

    /// <summary>Lets the wall take in what it heard while it started (its first look after subscribing, the
    /// figures published after the test hall's set-up), on real time, with the clock standing still.</summary>
    private async Task WhenSettledAsync(IRenderedComponent<WallPage> wall)
    {
        var renders = -1;
        while (renders != wall.RenderCount)
        {
            renders = wall.RenderCount;
            _app.Time.Advance(Throttle); // a render held back for the throttle goes out now
            await Task.Delay(300);
        }
    }

    private static string QueueCount(IRenderedComponent<WallPage> wall) => wall.Find(".wall-queue .wall-count").TextContent.Trim();

    private static string WaitedFor(IRenderedComponent<WallPage> wall, string number) =>
        wall.Find($"[data-number='{number}'] .wall-time-cell").TextContent.Trim();

    private static string RowClass(IRenderedComponent<WallPage> wall, string number) =>
        wall.Find($"[data-number='{number}']").ClassName ?? "";
}
