using HallBoard.Domain;
using HallBoard.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Admin;

/// <summary>Halls, engineers and accounts: checked input, an audit entry in each change's own save, nothing saved on refusal.</summary>
public sealed class HallAndPeopleTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>
{
    private HallAdmin Halls => app.Get<HallAdmin>();
    private PeopleAdmin People => app.Get<PeopleAdmin>();
    private AccountAdmin Accounts => app.Get<AccountAdmin>();

    [Fact]
    public async Task A_duplicate_or_malformed_hall_code_is_refused_in_chinese_with_nothing_saved_or_audited()
    {
        var admin = await app.AdminAsync();
        var id = await Halls.CreateAsync(" hx1 ", "河西办税服务厅", admin);
        Assert.Equal(1, await app.AuditCountAsync("新增服务厅", "HX1"));

        var dup = await Assert.ThrowsAsync<ValidationFailedException>(() => Halls.CreateAsync("HX1", "另一个厅", admin));
        Assert.Equal("服务厅代码 HX1 已被使用。", dup.Errors["code"].Single());
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => Halls.CreateAsync("X", "太短", admin));
        Assert.Contains("2-8 位大写字母或数字", bad.Errors["code"].Single());
        Assert.Equal(1, await app.WithDbAsync(db => db.Halls.CountAsync(h => h.Code == "HX1")));
        Assert.Equal(1, await app.AuditCountAsync("新增服务厅", "HX1"));

        await Halls.UpdateAsync(id, "HX1", "河西区税务局办税服务厅", admin);
        Assert.Equal("河西区税务局办税服务厅", (await Halls.ListAsync(admin)).Single(h => h.Id == id).Name);
        Assert.Equal(1, await app.AuditCountAsync("修改服务厅", "HX1"));

        var engineer = await app.EngineerActorAsync(1);
        await Assert.ThrowsAsync<ForbiddenException>(() => Halls.CreateAsync("HX9", "无权新增", engineer));
    }

    [Fact]
    public async Task A_bad_phone_or_a_taken_employee_number_saves_no_engineer_and_no_audit()
    {
        var admin = await app.AdminAsync();
        var hall = await Halls.CreateAsync("HX2", "河西二厅", admin);
        var badPhone = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            People.CreateAsync(hall, "周敏", "B01", "1381234", "计算机", null, admin));
        Assert.Equal("手机号码格式不正确", badPhone.Errors["phone"].Single());
        Assert.Equal(0, await app.WithDbAsync(db => db.Engineers.CountAsync(e => e.HallId == hall)));
        Assert.Equal(0, await app.AuditCountAsync("新增工程师", hallId: hall));

        var id = await People.CreateAsync(hall, "周敏", "b01", "138 1234 5678", "计算机科学与技术", "软考中级网络工程师", admin);
        var row = await People.GetAsync(id, admin);
        Assert.Equal(("B01", "13812345678", "软考中级网络工程师"), (row.EmployeeNo, row.Phone, row.Certificates));
        Assert.Equal(1, await app.AuditCountAsync("新增工程师", id.ToString()));

        var dup = await Assert.ThrowsAsync<ValidationFailedException>(() => People.CreateAsync(hall, "吴刚", "B01", "13912345678", null, null, admin));
        Assert.Equal("本厅已有工号 B01 的工程师。", dup.Errors["employeeNo"].Single());
        await Assert.ThrowsAsync<ValidationFailedException>(() => People.UpdateAsync(id, "周敏", "B01", "12", null, null, admin));
        Assert.Equal(1, await app.AuditCountAsync("新增工程师", hallId: hall));
        Assert.Equal(0, await app.AuditCountAsync("修改工程师", id.ToString()));

        await People.UpdateAsync(id, "周敏", "B01", "0755-86013388", "计算机科学与技术", null, admin);
        Assert.Equal(1, await app.AuditCountAsync("修改工程师", id.ToString()));
    }

    [Fact]
    public async Task A_new_account_has_no_role_and_no_hall_and_a_weak_password_creates_nothing()
    {
        var admin = await app.AdminAsync();
        var hall = await Halls.CreateAsync("HX3", "河西三厅", admin);
        var engineer = await People.CreateAsync(hall, "钱进", "C01", "13712345678", null, null, admin);

        var weak = await Assert.ThrowsAsync<ValidationFailedException>(() => Accounts.CreateAsync("qianjin", "钱进", "short", engineer, admin));
        Assert.Contains("至少 8 位", weak.Errors["password"].Single());
        Assert.Null(await app.WithDbAsync(db => db.Users.FirstOrDefaultAsync(u => u.UserName == "qianjin")));
        Assert.Equal(0, await app.AuditCountAsync("创建账号", "qianjin"));

        await Accounts.CreateAsync("qianjin", "钱进", "Qianjin-2026", engineer, admin);
        var user = await app.UserAsync("qianjin");
        Assert.Null(user.HallId);
        Assert.Empty(await app.RolesOfAsync("qianjin"));
        Assert.Equal(user.Id, (await app.WithDbAsync(db => db.Engineers.SingleAsync(e => e.Id == engineer))).UserId);
        Assert.Equal(1, await app.AuditCountAsync("创建账号", "qianjin"));

        var taken = await Assert.ThrowsAsync<ValidationFailedException>(() => Accounts.CreateAsync("qianjin", "钱进二", "Qianjin-2027", null, admin));
        Assert.Equal("该用户名已被使用。", taken.Errors["userName"].Single());
        Assert.Equal(1, await app.AuditCountAsync("创建账号", "qianjin"));
    }

    [Fact]
    public async Task Locking_and_a_leaving_engineer_end_sessions_at_once_and_are_audited()
    {
        var admin = await app.AdminAsync();
        var hall = await Halls.CreateAsync("HX4", "河西四厅", admin);
        var engineer = await People.CreateAsync(hall, "孙立", "D01", "13612345678", null, null, admin);
        var userId = await Accounts.CreateAsync("sunli", "孙立", "Sunli-2026x", engineer, admin);
        var stamp = (await app.UserAsync("sunli")).SecurityStamp;

        await Assert.ThrowsAsync<ValidationFailedException>(() => Accounts.SetLockedAsync(admin.Id, true, admin));
        Assert.Equal(0, await app.AuditCountAsync("锁定账号", "admin"));

        await Accounts.SetLockedAsync(userId, true, admin);
        Assert.True((await Accounts.ListAsync(admin)).Single(a => a.Id == userId).Locked);
        Assert.NotEqual(stamp, (await app.UserAsync("sunli")).SecurityStamp);
        Assert.Equal(1, await app.AuditCountAsync("锁定账号", "sunli"));
        await Accounts.SetLockedAsync(userId, false, admin);
        Assert.False((await Accounts.ListAsync(admin)).Single(a => a.Id == userId).Locked);
        Assert.Equal(1, await app.AuditCountAsync("解锁账号", "sunli"));

        await People.SetLeftAsync(engineer, left: true, admin);
        var row = await People.GetAsync(engineer, admin);
        Assert.False(row.IsActive);
        Assert.NotNull(row.LeftUtc);
        Assert.True((await Accounts.ListAsync(admin)).Single(a => a.Id == userId).Locked);
        Assert.Equal(1, await app.AuditCountAsync("工程师离职", engineer.ToString()));
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => Accounts.CreateAsync("sunli2", "孙立", "Sunli-2026y", engineer, admin));
        Assert.Equal("该工程师已离职，不能开通账号。", again.Errors["engineerId"].Single());

        await People.SetLeftAsync(engineer, left: false, admin);
        Assert.True((await People.GetAsync(engineer, admin)).IsActive);
        Assert.True((await Accounts.ListAsync(admin)).Single(a => a.Id == userId).Locked);
        Assert.Equal(1, await app.AuditCountAsync("工程师恢复在职", engineer.ToString()));
    }
}
