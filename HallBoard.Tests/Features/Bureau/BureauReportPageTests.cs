using System.Globalization;
using System.Security.Claims;
using Bunit;
using HallBoard.Features.Account;
using HallBoard.Features.Admin;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.ServiceReports.Pages;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HallBoard.Tests.Features.Bureau;

/// <summary>The monthly report page as a Bureau account sees it: the hall picker offers its home and supervised halls, no other;
/// a hall lead keeps its own hall without a picker.</summary>
public sealed class BureauReportPageTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    [Fact(Timeout = 600_000)]
    public async Task The_bureaus_hall_picker_lists_exactly_its_home_and_supervised_halls()
    {
        var home = await app.DemoHallAsync();
        var halls = app.Get<HallAdmin>();
        var supervised = await halls.CreateAsync("BPS", "受监管办税服务厅", HallAppFactory.Admin);
        await halls.CreateAsync("BPO", "其他办税服务厅", HallAppFactory.Admin);

        await using var ui = Ui(Roles.Bureau, home.Id, supervised);
        ui.Render<MudPopoverProvider>();
        var page = ui.Render<MonthlyReportPage>();
        page.WaitForState(() => page.FindAll("#report-hall").Count == 1, TimeSpan.FromSeconds(30));

        var picker = page.FindComponent<HallPicker>().Instance;
        Assert.Equal([home.Name, "受监管办税服务厅"], picker.Choices.Select(c => c.Name));
        Assert.Equal(home.Id, picker.HallId);

        await using var lead = Ui(Roles.HallLead, home.Id);
        lead.Render<MudPopoverProvider>();
        var leads = lead.Render<MonthlyReportPage>();
        leads.WaitForState(() => leads.FindAll("#monthly-show").Count == 1, TimeSpan.FromSeconds(30));
        Assert.Empty(leads.FindAll("#report-hall"));
    }

    private BunitContext Ui(string role, int hallId, params int[] supervised)
    {
        var ui = new BunitContext();
        ui.JSInterop.Mode = JSRuntimeMode.Loose;
        ui.Services.AddMudServices();
        ui.Services.AddSingleton(app.Get<HallTime>());
        ui.Services.AddSingleton(app.Get<ReportHalls>());
        ui.Services.AddSingleton(app.Get<MonthlyReports>());
        ui.AddAuthorization().SetAuthorized(role).SetRoles(role).SetClaims(
        [
            new Claim(ClaimTypes.NameIdentifier, $"{role}-id"),
            new Claim(HallClaims.DisplayName, role),
            new Claim(HallClaims.HallId, hallId.ToString(CultureInfo.InvariantCulture)),
            .. supervised.Select(h => new Claim(HallClaims.SupervisedHall, h.ToString(CultureInfo.InvariantCulture))),
        ]);
        return ui;
    }
}
