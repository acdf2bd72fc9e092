using System.Collections.Immutable;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.Sla;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Sla;

/// <summary>
/// Each hall's SLA clock, built from the stored holidays, make-up working days and the hall's opening hours. Built
/// once and kept; an edit on this instance rebuilds at once, and a clock older than <see cref="MaxAge"/> is rebuilt,
/// so an edit made on another instance reaches this one within that time.
/// </summary>
public sealed class SlaCalendars(IDbContextFactory<HallDbContext> dbFactory, HallTime time, ILogger<SlaCalendars> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private ImmutableDictionary<int, (SlaClock Clock, long BuiltAt)> _clocks = ImmutableDictionary<int, (SlaClock, long)>.Empty;

    /// <summary>The hall's clock; a hall that does not exist gets the standard hours.</summary>
    public async Task<SlaClock> ClockAsync(int hallId, CancellationToken ct = default)
    {
        if (_clocks.TryGetValue(hallId, out var kept) && Environment.TickCount64 - kept.BuiltAt < MaxAge.TotalMilliseconds)
            return kept.Clock;
        var clock = await BuildAsync(hallId, ct);
        ImmutableInterlocked.AddOrUpdate(ref _clocks, hallId, (clock, Environment.TickCount64), (_, _) => (clock, Environment.TickCount64));
        return clock;
    }

    /// <summary>Forgets every clock; called after the calendar or a hall's hours change.</summary>
    public void Invalidate() => Interlocked.Exchange(ref _clocks, ImmutableDictionary<int, (SlaClock, long)>.Empty);

    /// <summary>Every stored year's schedule.</summary>
    public static async Task<IReadOnlyList<HolidayYear>> YearsAsync(HallDbContext db, CancellationToken ct)
    {
        var holidays = await db.PublicHolidays.AsNoTracking().ToListAsync(ct);
        var makeUps = await db.MakeUpWorkdays.AsNoTracking().ToListAsync(ct);
        return holidays.Select(h => h.Year).Concat(makeUps.Select(m => m.Year)).Distinct().Order()
            .Select(year => new HolidayYear(year,
                holidays.Where(h => h.Year == year).OrderBy(h => h.First).Select(h => new HolidaySpan(h.Name, h.First, h.Last)).ToList(),
                makeUps.Where(m => m.Year == year).OrderBy(m => m.Day).Select(m => m.Day).ToList()))
            .ToList();
    }

    /// <summary>The hall's stored hours, or the standard hours when none are stored.</summary>
    public static async Task<OpeningHours> HoursAsync(HallDbContext db, int hallId, CancellationToken ct)
    {
        var days = await db.HallOpeningDays.AsNoTracking().Where(d => d.HallId == hallId).ToListAsync(ct);
        return days.Count == 0 ? OpeningHours.Standard : OpeningHoursText.Build(days.ToDictionary(d => d.Day, d => d.Hours));
    }

    private async Task<SlaClock> BuildAsync(int hallId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var years = await YearsAsync(db, ct);
        try
        {
            return new SlaClock(new BusinessCalendar(await HoursAsync(db, hallId, ct), new HolidayCalendar(years)), time.Zone);
        }
        catch (ValidationFailedException invalid)
        {
            // Edits are checked before they are saved, so this means the tables were changed by hand. Tickets must
            // still be taken in: run on the standard week and say so in the log.
            logger.LogError("The stored SLA calendar of hall {HallId} is invalid ({Error}); using the standard hours without holidays",
                hallId, invalid.Message);
            return new SlaClock(new BusinessCalendar(OpeningHours.Standard, HolidayCalendar.None), time.Zone);
        }
    }
}
