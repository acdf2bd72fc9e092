using Bunit;
using HallBoard.Features.Audit;
using HallBoard.Features.Audit.Pages;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace HallBoard.Tests.Security;

/// <summary>The audit list shows why a filter at the end of the calendar cannot be searched, instead of failing the circuit.</summary>
public sealed class AuditFilterMessageTests(HallAppFactory app) : IClassFixture<HallAppFactory>, IAsyncLifetime
{
    private readonly BunitContext _ui = new();

    public Task InitializeAsync()
    {
        _ui.JSInterop.Mode = JSRuntimeMode.Loose;
        _ui.Services.AddMudServices();
        _ui.Services.AddSingleton(app.Get<AuditQueries>());
        _ui.Services.AddSingleton(app.Get<HallTime>());
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _ui.DisposeAsync().AsTask();

    [Fact]
    public void A_last_day_of_the_calendar_shows_a_message_and_no_rows()
    {
        var table = _ui.Render<AuditTable>(p => p.Add(t => t.Filter, new AuditFilter { From = DateOnly.MaxValue, To = DateOnly.MaxValue }));

        table.WaitForAssertion(() =>
            Assert.Equal("开始日期 9999-12-31 超出可选范围（2000-01-01 至 2099-12-31）。",
                table.Find("[data-testid=audit-filter-error]").TextContent.Trim()));
        Assert.Empty(table.FindAll("tbody tr.mud-table-row"));
    }
}
