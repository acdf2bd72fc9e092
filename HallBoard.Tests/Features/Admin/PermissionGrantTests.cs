using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.People;
using HallBoard.Features.Account;
using HallBoard.Features.Admin;
using HallBoard.Features.Api;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Admin;

/// <summary>Rights change only when a second admin approves; each request and decision is audited in its own save.</summary>
public sealed class PermissionGrantTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>
{
    private PermissionGrants Grants => app.Get<PermissionGrants>();

    private async Task<(string UserId, int HallId)> NewAccountAsync(string userName, string hallCode)
    {
        var admin = await app.AdminAsync();
        var hall = await app.Get<HallAdmin>().CreateAsync(hallCode, hallCode + " 办税服务厅", admin);
        var userId = await app.Get<AccountAdmin>().CreateAsync(userName, userName, "Grant-Test-2026", null, admin);
        return (userId, hall);
    }

    [Fact]
    public async Task The_requester_cannot_approve_and_a_second_admin_applies_role_and_hall_in_one_audited_save()
    {
        var (admin1, admin2) = (await app.AdminAsync(), await app.AdminAsync(AdminAppFactory.SecondAdmin));
        var (userId, hall) = await NewAccountAsync("gt-eng", "GT1");
        var stamp = (await app.UserAsync("gt-eng")).SecurityStamp;

        var id = await Grants.RequestForAccountAsync(userId, Roles.Engineer, hall, "新入职驻场工程师", admin1);
        Assert.Equal(1, await app.AuditCountAsync("申请授权", id.ToString()));

        var self = await Assert.ThrowsAsync<GrantRuleException>(() => Grants.ApproveAsync(id, admin1));
        Assert.Equal("不能审批自己提出的授权申请，须由另一位管理员审批。", self.Message);
        Assert.Empty(await app.RolesOfAsync("gt-eng"));
        Assert.Equal(0, await app.AuditCountAsync("批准授权", id.ToString()));
        Assert.Equal(GrantState.Requested, (await Grants.ListAsync(admin1)).Single(g => g.Id == id).State);

        await Grants.ApproveAsync(id, admin2);
        var user = await app.UserAsync("gt-eng");
        Assert.Equal(new[] { Roles.Engineer }, await app.RolesOfAsync("gt-eng"));
        Assert.Equal(hall, user.HallId);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Equal(1, await app.AuditCountAsync("批准授权", id.ToString()));
        var row = (await Grants.ListAsync(admin1)).Single(g => g.Id == id);
        Assert.Equal((GrantState.Approved, "系统管理员（复核）"), (row.State, row.DecidedByName));

        var twice = await Assert.ThrowsAsync<GrantRuleException>(() => Grants.ApproveAsync(id, admin2));
        Assert.Equal("该申请已处理，不能重复审批。", twice.Message);
        Assert.Equal(1, await app.AuditCountAsync("批准授权", id.ToString()));
    }

    [Fact]
    public async Task Nobody_approves_a_grant_about_their_own_account_and_a_non_admin_cannot_request()
    {
        var (admin1, admin2) = (await app.AdminAsync(), await app.AdminAsync(AdminAppFactory.SecondAdmin));
        var hall = await app.Get<HallAdmin>().CreateAsync("GT2", "GT2 办税服务厅", admin1);
        var id = await Grants.RequestForAccountAsync(admin1.Id, Roles.HallLead, hall, "兼任 GT2 负责人", admin2);

        var own = await Assert.ThrowsAsync<GrantRuleException>(() => Grants.ApproveAsync(id, admin1));
        Assert.Equal("不能审批与本人账号有关的授权申请。", own.Message);
        Assert.Equal(new[] { Roles.Admin }, await app.RolesOfAsync("admin"));
        Assert.Equal(0, await app.AuditCountAsync("批准授权", id.ToString()));

        var engineer = await app.EngineerActorAsync(2) with { Roles = new HashSet<string> { Roles.Engineer } };
        await Assert.ThrowsAsync<ForbiddenException>(() => Grants.RequestForAccountAsync(engineer.Id, Roles.Admin, null, "想当管理员", engineer));
        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => Grants.RequestForAccountAsync(admin1.Id, Roles.Manager, null, " ", admin2));
        Assert.Contains("申请理由", noReason.Errors["reason"].Single());
    }

    [Fact]
    public async Task A_refused_grant_changes_nothing_and_a_revoked_one_removes_the_role()
    {
        var (admin1, admin2) = (await app.AdminAsync(), await app.AdminAsync(AdminAppFactory.SecondAdmin));
        var (userId, hall) = await NewAccountAsync("gt-lead", "GT3");

        var refused = await Grants.RequestForAccountAsync(userId, Roles.Admin, null, "临时需要", admin1);
        await Grants.RefuseAsync(refused, admin2);
        Assert.Empty(await app.RolesOfAsync("gt-lead"));
        Assert.Equal(1, await app.AuditCountAsync("拒绝授权", refused.ToString()));
        await Assert.ThrowsAsync<GrantRuleException>(() => Grants.RefuseAsync(refused, admin1));
        await Assert.ThrowsAsync<GrantRuleException>(() => Grants.ApproveAsync(refused, admin2));
        Assert.Equal(1, await app.AuditCountAsync("拒绝授权", refused.ToString()));
        Assert.Equal(0, await app.AuditCountAsync("批准授权", refused.ToString()));

        var granted = await Grants.RequestForAccountAsync(userId, Roles.HallLead, hall, "GT3 负责人", admin1);
        await Grants.ApproveAsync(granted, admin2);
        var stamp = (await app.UserAsync("gt-lead")).SecurityStamp;
        await Grants.RevokeAsync(granted, admin1);
        Assert.Empty(await app.RolesOfAsync("gt-lead"));
        Assert.Null((await app.UserAsync("gt-lead")).HallId);
        Assert.NotEqual(stamp, (await app.UserAsync("gt-lead")).SecurityStamp);
        Assert.Equal(1, await app.AuditCountAsync("撤销授权", granted.ToString()));
        var again = await Assert.ThrowsAsync<GrantRuleException>(() => Grants.RevokeAsync(granted, admin1));
        Assert.Equal("只能撤销已批准的授权。", again.Message);
        Assert.Equal(1, await app.AuditCountAsync("撤销授权", granted.ToString()));
    }

    [Fact]
    public async Task A_key_is_created_reading_one_hall_and_is_widened_only_by_an_approved_grant()
    {
        var (admin1, admin2) = (await app.AdminAsync(), await app.AdminAsync(AdminAppFactory.SecondAdmin));
        var gx = (await app.DemoHallAsync()).Id;
        var keys = app.Get<ApiKeys>();
        await keys.CreateAsync("GT 叫号系统", gx, admin1);
        var key = (await keys.ListAsync()).Single(k => k.Name == "GT 叫号系统");
        Assert.Equal((gx, false, ApiScopes.Read), (key.HallId, key.AllHalls, key.Scopes));

        var id = await Grants.RequestForApiKeyAsync(key.Id, null, allHalls: true, ["pii", "write", "read"], "省局汇总平台", admin1);
        Assert.Equal(ApiScopes.Read, (await keys.ListAsync()).Single(k => k.Id == key.Id).Scopes);
        await Assert.ThrowsAsync<GrantRuleException>(() => Grants.ApproveAsync(id, admin1));

        await Grants.ApproveAsync(id, admin2);
        var widened = (await keys.ListAsync()).Single(k => k.Id == key.Id);
        Assert.Equal((true, "read write pii"), (widened.AllHalls, widened.Scopes));
        Assert.Equal(1, await app.AuditCountAsync("批准授权", id.ToString()));

        await Grants.RevokeAsync(id, admin2);
        var back = (await keys.ListAsync()).Single(k => k.Id == key.Id);
        Assert.Equal((gx, false, ApiScopes.Read), (back.HallId, back.AllHalls, back.Scopes));

        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Grants.RequestForApiKeyAsync(key.Id, gx, false, ["delete"], "无此范围", admin1));
        Assert.Contains("未知的权限范围", unknown.Errors["scopes"].Single());
    }
}
