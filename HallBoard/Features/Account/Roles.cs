using System.Security.Claims;
using HallBoard.Domain;

namespace HallBoard.Features.Account;

public static class Roles
{
    public const string Engineer = nameof(Engineer);
    public const string HallLead = nameof(HallLead);
    public const string Manager = nameof(Manager);
    public const string Admin = nameof(Admin);
    public const string Display = nameof(Display);

    /// <summary>The bureau's ops authority (税务局运维主管部门): reads and directs the halls it supervises, works no tickets.</summary>
    public const string Bureau = nameof(Bureau);

    public static readonly string[] All = [Engineer, HallLead, Manager, Admin, Display, Bureau];

    /// <summary>Roles that work tickets (everyone but wall screens).</summary>
    public const string Staff = $"{Engineer},{HallLead},{Manager},{Admin}";

    /// <summary>People who work tickets and records: every role but wall screens.</summary>
    public static readonly string[] StaffRoles = [Engineer, HallLead, Manager, Admin];

    /// <summary>HallLead and above: publish knowledge, close major incidents, reopen a rated ticket.</summary>
    public static readonly string[] LeadRoles = [HallLead, Manager, Admin];

    public const string Leads = $"{HallLead},{Manager},{Admin}";

    public static string Label(string role) => role switch
    {
        Engineer => "驻场工程师",
        HallLead => "办税服务厅负责人",
        Manager => "运维经理",
        Admin => "系统管理员",
        Display => "大屏",
        Bureau => "税务局运维主管部门",
        _ => role,
    };
}

public static class HallClaims
{
    public const string DisplayName = "hb:name";
    public const string HallId = "hb:hall";
    public const string EngineerId = "hb:engineer";

    public const string AllHalls = "hb:all-halls";
    public const string Scope = "hb:scope";

    /// <summary>One claim per hall a Bureau account supervises (besides its home hall <see cref="HallId"/>).</summary>
    public const string SupervisedHall = "hb:supervised-hall";

    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "anonymous",
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "匿名",
        int.TryParse(user.FindFirstValue(EngineerId), out var e) ? e : null,
        int.TryParse(user.FindFirstValue(HallId), out var h) ? h : null)
    {
        Roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
        AllHalls = user.IsInRole(Account.Roles.Admin) || user.HasClaim(AllHalls, "true"),
        Scopes = user.FindAll(Scope).Select(c => c.Value).ToHashSet(),
        SupervisedHalls = user.FindAll(SupervisedHall).Select(c => int.TryParse(c.Value, out var s) ? s : 0).Where(s => s > 0).ToHashSet(),
    };
}
