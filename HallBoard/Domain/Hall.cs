namespace HallBoard.Domain;

public sealed class Hall
{
    public int Id { get; set; }

    /// <summary>Short code used in ticket numbers and URLs, e.g. "GX".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
}

public sealed class Engineer
{
    public int Id { get; set; }
    public int HallId { get; set; }
    public required string Name { get; set; }
    public required string EmployeeNo { get; set; }
    public string? UserId { get; set; }
    public bool IsActive { get; set; } = true;
    public string? Phone { get; set; }

    /// <summary>Qualification: field of study (专业) and certificates held (证书).</summary>
    public string? Major { get; set; }
    public string? Certificates { get; set; }

    /// <summary>When the engineer left (离职); the record stays for history.</summary>
    public DateTime? LeftUtc { get; set; }
}

/// <summary>
/// Who does something: a signed-in person (maybe an engineer) or an integration, with the roles and halls
/// the services check (docs/security.md). Hall scope fails closed: without <see cref="AllHalls"/> an actor
/// sees only <see cref="HallId"/>, and an actor with neither sees nothing.
/// </summary>
public sealed record Actor(string Id, string Name, int? EngineerId = null, int? HallId = null)
{
    public const string NoHallMessage = "您的账号未分配办税服务厅，看不到任何数据。请联系系统管理员分配所属服务厅。";
    public const string NoRightMessage = "您的角色无权执行此操作。";

    public static Actor Taxpayer { get; } = new("taxpayer", "纳税人");
    public static Actor System { get; } = new("system", "系统") { AllHalls = true, Roles = new HashSet<string> { "System" } };

    /// <summary>Sees every hall (Admin, the system, a key granted all halls).</summary>
    public bool AllHalls { get; init; }

    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>();

    /// <summary>API-key scopes (read, write, pii); empty for people.</summary>
    public IReadOnlySet<string> Scopes { get; init; } = new HashSet<string>();

    /// <summary>Further halls a Bureau account supervises; its <see cref="HallId"/> stays the home hall lists default to.</summary>
    public IReadOnlySet<int> SupervisedHalls { get; init; } = new HashSet<int>();

    public bool IsIn(params string[] roles) => roles.Any(Roles.Contains);

    public bool CanSee(int hallId) => AllHalls || HallId == hallId || SupervisedHalls.Contains(hallId);

    /// <summary>The one hall this actor is limited to, or null for all halls; throws when the actor has no hall at all.</summary>
    public int? HallScope => AllHalls ? null : HallId ?? throw new ForbiddenException(NoHallMessage);

    public void RequireRole(params string[] roles)
    {
        if (!IsIn(roles)) throw new ForbiddenException(NoRightMessage);
    }

    public void RequireHall(int hallId)
    {
        if (!AllHalls && HallId is null) throw new ForbiddenException(NoHallMessage);
        if (!CanSee(hallId)) throw new ForbiddenException("只能处理本厅的数据。");
    }
}
