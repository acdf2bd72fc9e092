using HallBoard.Domain;

namespace HallBoard.Features.Tickets;

/// <summary>Response and resolve targets per priority, from configuration section "Sla".</summary>
public sealed class SlaOptions
{
    public Dictionary<Priority, SlaMinutes> Priorities { get; set; } = new()
    {
        [Priority.Low] = new() { ResponseMinutes = 30, ResolveMinutes = 480 },
        [Priority.Normal] = new() { ResponseMinutes = 10, ResolveMinutes = 120 },
        [Priority.High] = new() { ResponseMinutes = 5, ResolveMinutes = 60 },
        [Priority.Urgent] = new() { ResponseMinutes = 2, ResolveMinutes = 30 },
    };

    public SlaTarget For(Priority priority)
    {
        var m = Priorities.TryGetValue(priority, out var found) ? found : new SlaMinutes();
        return new SlaTarget(TimeSpan.FromMinutes(m.ResponseMinutes), TimeSpan.FromMinutes(m.ResolveMinutes));
    }
}

public sealed class SlaMinutes
{
    public int ResponseMinutes { get; set; } = 10;
    public int ResolveMinutes { get; set; } = 120;
}
