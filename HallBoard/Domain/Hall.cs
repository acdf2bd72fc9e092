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
}

/// <summary>Who does something: a signed-in person (maybe an engineer) or an integration.</summary>
public sealed record Actor(string Id, string Name, int? EngineerId = null, int? HallId = null)
{
    public static Actor Taxpayer { get; } = new("taxpayer", "纳税人");
    public static Actor System { get; } = new("system", "系统");
}
