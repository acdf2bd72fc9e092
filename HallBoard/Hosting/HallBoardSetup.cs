using HallBoard.Components;
using HallBoard.Data;
using HallBoard.Features.Account;
using HallBoard.Features.Admin;
using HallBoard.Features.Analysis;
using HallBoard.Features.Attachments;
using HallBoard.Features.Api;
using HallBoard.Features.Audit;
using HallBoard.Features.BureauTasks;
using HallBoard.Features.Dashboard;
using HallBoard.Features.Engineers;
using HallBoard.Features.Feedback;
using HallBoard.Features.Guidance;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Escalations;
using HallBoard.Features.Incidents;
using HallBoard.Features.Reports;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Sla;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.Staffing;
using HallBoard.Features.Tickets;
using HallBoard.Features.Training;
using HallBoard.Features.Wall;
using HallBoard.Live;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

namespace HallBoard.Hosting;

public static class HallBoardSetup
{
    public static WebApplicationBuilder AddHallBoard(this WebApplicationBuilder builder)
    {
        builder.AddTopLevelDevelopmentSettings();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<HallOptions>(builder.Configuration.GetSection("Hall"));
        builder.Services.AddSingleton<HallTime>();
        builder.Services.AddSingleton<PublicLinks>();
        builder.AddHallData();
        builder.AddHallAccounts();
        builder.AddHallApi();
        builder.AddAdmin();
        builder.AddRequestLimits();
        builder.Services.AddHallLive(builder.Configuration);
        builder.Services.AddTickets(builder.Configuration);
        builder.Services.AddSla();
        builder.Services.AddSatisfaction(builder.Configuration);
        builder.Services.AddAudit();
        builder.Services.AddEngineers(builder.Configuration);
        builder.Services.AddWall(builder.Configuration);
        builder.Services.AddReports();
        builder.Services.AddFeedback(builder.Configuration).AddGuidance();
        builder.Services.AddKnowledge();
        builder.Services.AddAnalysis();
        builder.Services.AddEscalations().AddIncidents();
        builder.Services.AddDashboard();
        builder.Services.AddServiceReports(builder.Configuration);
        builder.Services.AddStaffing(builder.Configuration);
        builder.Services.AddBureauTasks();
        builder.Services.AddTraining(builder.Configuration);
        builder.Services.AddAttachments(builder.Configuration);
        builder.PersistSignInKeys();
        builder.Services.AddScoped<DemoData>();
        // Chinese text is written as is, not as numeric character references.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication MapHallBoard(this WebApplication app)
    {
        app.PrepareDatabaseAsync().GetAwaiter().GetResult();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseRequestLimits();
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
            RequestPath = "/assets",
        });
        app.UseAuthentication();
        app.UseHandoverLock();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseExpiredFormAnswer();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz");
        app.MapAccountEndpoints();
        app.MapApiEndpoints();
        app.MapAdminEndpoints();
        app.MapHallLive();
        app.MapSatisfactionEndpoints();
        app.MapWallEndpoints();
        app.MapReportsEndpoints();
        app.MapFeedbackEndpoints();
        app.MapKnowledgeEndpoints();
        app.MapAnalysisEndpoints();
        app.MapIncidentsEndpoints();
        app.MapDashboardEndpoints();
        app.MapServiceReportsEndpoints();
        app.MapBureauTasksEndpoints();
        app.MapTrainingEndpoints();
        app.MapAuditEndpoints();
        app.MapAttachmentsEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Schema, roles, then demo data (Development) or the configured first admin (elsewhere).</summary>
    private static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await DataSetup.MigrateAsync(app.Services);
        using var scope = app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountSeeder>();
        await accounts.EnsureRolesAsync();
        if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Demo:Seed"))
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
        await accounts.EnsureFirstAdminAsync();
    }

    /// <summary>The repository keeps appsettings.Development.json at its top level; it is copied
    /// beside the app and read right after appsettings.json, as the default one would be.</summary>
    private static void AddTopLevelDevelopmentSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return;
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json");
        if (!File.Exists(file)) return;
        var sources = builder.Configuration.Sources;
        var at = sources.Select((s, i) => (s, i))
            .Where(x => x.s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource j && j.Path == "appsettings.json")
            .Select(x => x.i + 1).DefaultIfEmpty(sources.Count).First();
        var json = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = file, Optional = true, ReloadOnChange = false,
        };
        json.ResolveFileProvider();
        sources.Insert(at, json);
    }
}
