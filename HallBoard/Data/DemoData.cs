using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Api;
using HallBoard.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Data;

/// <summary>The demo hall, its engineers, one account per role and a few tickets: Development only.</summary>
public sealed class DemoData(IDbContextFactory<HallDbContext> dbFactory, AccountSeeder accounts, TicketCommands tickets,
    ApiKeys apiKeys, IConfiguration config, HallBoard.Features.Knowledge.KnowledgeDemoData knowledge)
{
    public const string Password = "HallBoard#2026";
    public const string HallCode = "GX";

    private static readonly (string Name, string No)[] Engineers =
        [("张伟", "E01"), ("王芳", "E02"), ("李娜", "E03"), ("刘洋", "E04"), ("陈静", "E05"), ("杨磊", "E06")];

    public async Task SeedAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Halls.AnyAsync()) return;
        var hall = new Hall { Code = HallCode, Name = "高新区税务局办税服务厅" };
        db.Halls.Add(hall);
        var engineers = Engineers.Select(e => new Engineer { Name = e.Name, EmployeeNo = e.No }).ToList();
        await db.SaveChangesAsync();
        foreach (var e in engineers) e.HallId = hall.Id;
        db.Engineers.AddRange(engineers);
        await db.SaveChangesAsync();

        for (var i = 0; i < engineers.Count; i++)
            await accounts.CreateUserAsync($"eng{i + 1}", engineers[i].Name, Password, Roles.Engineer, hall.Id, engineers[i].Id);
        await accounts.CreateUserAsync("lead", "赵主任", Password, Roles.HallLead, hall.Id, null);
        await accounts.CreateUserAsync("manager", "孙经理", Password, Roles.Manager, hall.Id, null);
        await accounts.CreateUserAsync("admin", "系统管理员", Password, Roles.Admin, null, null);
        // The four-eyes partner: permission grants need a second admin to approve them.
        await accounts.CreateUserAsync("admin2", "系统管理员（复核）", Password, Roles.Admin, null, null);
        await accounts.CreateUserAsync("wall", "大厅大屏", Password, Roles.Display, hall.Id, null);
        // The bureau's ops authority, at home in the demo hall; further supervised halls come only through a grant.
        await accounts.CreateUserAsync("bureau", "局运维主管部门", Password, Roles.Bureau, hall.Id, null);

        if (config["Api:DevelopmentKey"] is { Length: > 0 } key)
            await apiKeys.ImportAsync("开发环境密钥", key, Actor.System, default, hall.Id, ApiScopes.Read, ApiScopes.Write, ApiScopes.Pii);

        await Features.Guidance.GuidanceItems.SeedDemoAsync(dbFactory, hall.Id);
        await SeedTicketsAsync(hall.Id, engineers);
        await knowledge.SeedAsync(hall.Id,
            new Actor($"seed:{engineers[0].EmployeeNo}", engineers[0].Name, engineers[0].Id, hall.Id) { Roles = new HashSet<string> { Roles.Engineer } },
            new Actor("seed:lead", "赵主任", null, hall.Id) { Roles = new HashSet<string> { Roles.HallLead } });
    }

    private async Task SeedTicketsAsync(int hallId, IReadOnlyList<Engineer> engineers)
    {
        var samples = new[]
        {
            new TicketDraft { TaxpayerName = "张三", TaxpayerId = "11010519491231002X", TaxpayerPhone = "13800138000", Channel = Channel.ETaxWeb, Category = Category.LoginIdentity, Kind = TicketKind.Fault, Description = "电子税务局登录提示“身份认证失败”" },
            new TicketDraft { TaxpayerName = "某某科技有限公司", TaxpayerId = "91350100M000100Y43", TaxpayerPhone = "0591-87654321", Channel = Channel.SelfServiceTerminal, Category = Category.Invoice, Kind = TicketKind.Guidance, Description = "自助终端领用发票后打印失败" },
            new TicketDraft { TaxpayerName = "李四", TaxpayerPhone = "13912345678", Channel = Channel.MobileApp, Category = Category.IndividualIncomeTax, Kind = TicketKind.Consultation, Description = "个税APP专项附加扣除如何填报" },
            new TicketDraft { TaxpayerName = "王五", Channel = Channel.SmartAreaPc, Category = Category.SocialInsurance, Kind = TicketKind.Consultation, Priority = Priority.High, Description = "灵活就业社保缴费基数怎么选" },
        };
        var actors = engineers.Select(e => new Actor($"seed:{e.EmployeeNo}", e.Name, e.Id, hallId) { Roles = new HashSet<string> { Roles.Engineer } }).ToList();
        await tickets.IntakeAsync(hallId, samples[3], actors[0], takeNow: false);
        await tickets.IntakeAsync(hallId, samples[2], actors[1], takeNow: true);
        var resolved = await tickets.IntakeAsync(hallId, samples[1], actors[2], takeNow: true);
        await tickets.ResolveAsync(resolved.Id, null, "重新安装打印驱动并重启终端后打印正常", actors[2]);
        var closed = await tickets.IntakeAsync(hallId, samples[0], actors[0], takeNow: true);
        await tickets.ResolveAsync(closed.Id, null, "引导纳税人重新进行实名认证", actors[0]);
        await tickets.FollowUpAsync(closed.Id, null, FollowUpOutcome.Reached, "问题已解决", actors[0]);
        await tickets.RateAsync(closed.Id, null, SatisfactionLevel.VerySatisfied, null, RatingSource.CallBack, actors[0]);
        await tickets.CloseAsync(closed.Id, null, CloseReason.Completed, null, actors[0]);
    }
}
