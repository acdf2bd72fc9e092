using Bunit;
using HallBoard.Features.Account;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.ServiceReports.Pages;
using HallBoard.Features.Staffing;
using HallBoard.Features.Staffing.Pages;
using HallBoard.Hosting;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.Staffing;

/// <summary>The roster page: an admin, who belongs to no hall, picks the hall; a hall lead sees only their own.</summary>
public sealed class RosterPageTests : BunitTestBase, IClassFixture<HallAppFactory>
{
    public RosterPageTests(HallAppFactory app) : base(app)
    {
    }

    [Fact]
    public async Task An_admin_picks_another_hall_and_sees_its_roster()
    {
        var other = await TestHall.CreateAsync(App, engineers: 1);
        var admin = HallAppFactory.As(Roles.Admin, "test:roster-admin", "系统管理员", null);
        var today = App.Get<HallTime>().Today;
        await App.Get<RosterBook>().AddShiftAsync(other.Id, other.Engineer(1).EngineerId!.Value, today, "早班",
            new TimeOnly(8, 30), new TimeOnly(12, 30), admin);
        await SignInAsAsync("admin");

        var page = RenderPage<RosterPage>();
        page.WaitForElement("#roster-table");
        Assert.DoesNotContain("工程师1", page.Find("#roster-table").TextContent);

        await page.InvokeAsync(() => page.FindComponent<HallPicker>().Instance.HallIdChanged.InvokeAsync(other.Id));

        page.WaitForAssertion(() => Assert.Contains("工程师1", page.Find("#roster-table").TextContent));
        Assert.Contains("08:30–12:30", page.Find("#roster-table").TextContent);
    }

    [Fact]
    public async Task A_hall_lead_has_no_hall_to_pick()
    {
        await SignInAsAsync("lead");

        var page = RenderPage<RosterPage>();

        page.WaitForElement("#roster-table");
        Assert.Empty(page.FindAll("#report-hall"));
        Assert.Empty(page.FindComponent<HallPicker>().Instance.Choices);
        Assert.Empty(page.FindAll("#staffing-error"));
    }
}
