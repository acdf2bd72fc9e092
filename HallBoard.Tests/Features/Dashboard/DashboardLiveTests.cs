using HallBoard.Tests.Infrastructure;
using HallBoard.Features.Account;
using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Tickets;

namespace HallBoard.Tests.Features.Dashboard;

/// <summary>The dashboard follows the hall while it is open, without a reload.</summary>
public sealed class DashboardLiveTests(DashboardApp app) : DashboardPageTestBase(app), IClassFixture<DashboardApp>
{
    [Fact]
    public async Task A_ticket_logged_while_the_dashboard_is_open_is_counted()
    {
        var page = RenderDashboard(refreshGap: TimeSpan.FromMilliseconds(200));
        Assert.Equal("2", Figure(page, "工单总数"));

        var by = HallAppFactory.As(Roles.HallLead, "test:dashboard", "测试", Hall.HallId);
        for (var i = 0; i < 3; i++)
            await App.Get<TicketCommands>().IntakeAsync(Hall.HallId, new TicketDraft
            {
                TaxpayerName = $"实时测试{i}", Channel = Channel.Counter, Category = Category.Invoice, Kind = TicketKind.Consultation,
                Priority = Priority.Normal, Description = "大屏实时刷新测试",
            }, by, takeNow: false);

        page.WaitForAssertion(() => Assert.Equal("5", Figure(page, "工单总数")), TimeSpan.FromSeconds(10));
    }
}
