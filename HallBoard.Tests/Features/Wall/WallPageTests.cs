using System.Globalization;
using System.Security.Claims;
using Bunit;
using HallBoard.Features.Account;
using HallBoard.Features.Wall;
using HallBoard.Features.Wall.Pages;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HallBoard.Tests.Features.Wall;

/// <summary>The wall page of a hall of its own, on a clock the test moves: the page refreshes only on its 250 ms
/// tick, so moving the clock is what makes it show changes.</summary>
public sealed class WallPageTests : BunitContext, IClassFixture<FakeClockHall>, IAsyncLifetime
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly FakeClockHall _app;
    private TestHall _hall = default!;

    public WallPageTests(FakeClockHall app)
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

        _app.Time.Advance(TimeSpan.FromMinutes(7));
        WaitForTick(wall);
        Assert.Contains("wall-fine", RowClass(wall, ticket.Number));

        _app.Time.Advance(TimeSpan.FromSeconds(30));
        wall.WaitForAssertion(() => Assert.Contains("wall-near", RowClass(wall, ticket.Number)));
        Assert.Contains("7分", wall.Find($"[data-number='{ticket.Number}'] .wall-time-cell").TextContent);

        _app.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(31));
        wall.WaitForAssertion(() => Assert.Contains("wall-late", RowClass(wall, ticket.Number)));
        Assert.Contains("等待超过响应时限", wall.Find(".wall-alerts").TextContent);
    }

    [Fact]
    public async Task A_long_queue_pages_through_by_itself_eight_rows_at_a_time()
    {
        for (var i = 0; i < 10; i++) await _hall.IntakeAsync(_app, $"排队{i}");
        var wall = RenderWall();
        Assert.Equal(8, wall.FindAll(".wall-queue li").Count);
        Assert.Equal("第 1/2 页", wall.Find(".wall-queue .wall-pager").TextContent.Trim());

        _app.Time.Advance(TimeSpan.FromSeconds(8));
        wall.WaitForAssertion(() => Assert.Equal("第 2/2 页", wall.Find(".wall-queue .wall-pager").TextContent.Trim()));
        Assert.Equal(2, wall.FindAll(".wall-queue li").Count);

        _app.Time.Advance(TimeSpan.FromSeconds(8));
        wall.WaitForAssertion(() => Assert.Equal("第 1/2 页", wall.Find(".wall-queue .wall-pager").TextContent.Trim()));
    }

    [Fact]
    public async Task A_ticket_taken_in_elsewhere_appears_and_moves_to_in_service_when_taken()
    {
        var wall = RenderWall();

        var ticket = await _hall.IntakeAsync(_app, "李四");
        _app.Time.Advance(Tick);
        wall.WaitForAssertion(() => Assert.Single(wall.FindAll($".wall-queue [data-number='{ticket.Number}']")));

        await _hall.TakeAsync(_app, ticket, by: 2);
        _app.Time.Advance(Tick);
        wall.WaitForAssertion(() => Assert.Contains("工程师2", wall.Find($".wall-service [data-number='{ticket.Number}']").TextContent));
        Assert.Empty(wall.FindAll($".wall-queue [data-number='{ticket.Number}']"));
        var engineer = wall.FindAll(".wall-engineers li").Single(li => li.TextContent.Contains("工程师2")).TextContent;
        Assert.Contains("服务中", engineer);
        Assert.Contains($"自 {_app.Get<HallTime>().Format(_app.Time.GetUtcNow().UtcDateTime, "HH:mm")}", engineer);
    }

    [Fact]
    public async Task A_burst_of_changes_is_shown_in_one_render_at_the_next_tick()
    {
        var wall = RenderWall();
        // The header has no children of its own and is drawn again with every render of the page.
        var header = wall.FindComponent<WallHeader>();
        var renders = header.RenderCount;

        for (var i = 0; i < 12; i++) await _hall.IntakeAsync(_app, $"高峰{i}");
        await Task.Delay(300); // real time passes, the wall's clock does not: nothing is drawn between ticks
        Assert.Equal(renders, header.RenderCount);
        Assert.Empty(wall.FindAll(".wall-queue li"));

        _app.Time.Advance(Tick);
        wall.WaitForAssertion(() => Assert.Equal("12", wall.Find(".wall-queue .wall-count").TextContent.Trim()));
        Assert.Equal(renders + 1, header.RenderCount);
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

    /// <summary>Waits until the wall has drawn the clock's current time: its tick for that time is done.</summary>
    private void WaitForTick(IRenderedComponent<WallPage> wall)
    {
        var now = _app.Get<HallTime>().Format(_app.Time.GetUtcNow().UtcDateTime, "HH:mm:ss");
        wall.WaitForAssertion(() => Assert.Equal(now, wall.Find(".wall-time").TextContent.Trim()));
    }

    private static string RowClass(IRenderedComponent<WallPage> wall, string number) =>
        wall.Find($"[data-number='{number}']").ClassName ?? "";
}
