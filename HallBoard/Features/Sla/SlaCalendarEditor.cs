using System.Globalization;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.Sla;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Sla;

public sealed record HolidayRow(int Id, string Name, DateOnly First, DateOnly Last);

public sealed record MakeUpRow(int Id, DateOnly Day, string? Note);

public sealed record CalendarYear(int Year, IReadOnlyList<HolidayRow> Holidays, IReadOnlyList<MakeUpRow> MakeUpWorkdays);

/// <summary>
/// The admin's edits of the SLA calendar: each year's holidays and make-up working days, and each hall's opening
/// hours. Every edit is checked against the whole calendar before it is saved (a bad date, an overlap or a day both
/// closed and worked is refused with a message and nothing is saved), audited in the same save, and makes
/// <see cref="SlaCalendars"/> rebuild.
/// </summary>
public sealed class SlaCalendarEditor(IDbContextFactory<HallDbContext> dbFactory, HallTime time, SlaCalendars calendars)
{
    public const int MaxNameLength = 20;

    public async Task<CalendarYear> YearAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var holidays = await db.PublicHolidays.AsNoTracking().Where(h => h.Year == year).OrderBy(h => h.First)
            .Select(h => new HolidayRow(h.Id, h.Name, h.First, h.Last)).ToListAsync(ct);
        var makeUps = await db.MakeUpWorkdays.AsNoTracking().Where(m => m.Year == year).OrderBy(m => m.Day)
            .Select(m => new MakeUpRow(m.Id, m.Day, m.Note)).ToListAsync(ct);
        return new CalendarYear(year, holidays, makeUps);
    }

    /// <summary>The years to choose from: every stored year, this year and next.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.PublicHolidays.Select(h => h.Year).Union(db.MakeUpWorkdays.Select(m => m.Year)).ToListAsync(ct);
        var thisYear = time.Today.Year;
        return stored.Append(thisYear).Append(thisYear + 1).Distinct().Order().ToList();
    }

    public async Task AddHolidayAsync(int year, string? name, string? first, string? last, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Account.Roles.Admin);
        var clean = (name ?? "").Trim();
        if (clean.Length == 0) throw ValidationFailedException.For("name", "请填写假期名称，如“国庆节”。");
        if (clean.Length > MaxNameLength) throw ValidationFailedException.For("name", $"假期名称最多 {MaxNameLength} 字。");
        if (TextRules.NameProblem(clean) is { } why) throw ValidationFailedException.For("name", "假期名称" + why);
        var from = ParseDate(first, "first", "开始日期", year);
        var to = string.IsNullOrWhiteSpace(last) ? from : ParseDate(last, "last", "结束日期", year);
        if (to < from) throw ValidationFailedException.For("last", $"结束日期 {Text(to)} 早于开始日期 {Text(from)}。");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var overlapping = await db.PublicHolidays.AsNoTracking().Where(h => h.First <= to && h.Last >= from).FirstOrDefaultAsync(ct);
        if (overlapping is not null)
            throw ValidationFailedException.For("first", $"与已有假期“{overlapping.Name}”（{Text(overlapping.First)} 至 {Text(overlapping.Last)}）重叠。");
        var years = await SlaCalendars.YearsAsync(db, ct);
        Check(With(years, year, y => y with { Holidays = [.. y.Holidays, new HolidaySpan(clean, from, to)] }));

        var now = time.UtcNow;
        db.PublicHolidays.Add(new PublicHoliday { Year = year, Name = clean, First = from, Last = to });
        db.Audit(actor, now, "新增节假日", nameof(PublicHoliday), Text(from), null, $"{year} 年 {clean} {Text(from)} 至 {Text(to)}");
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
    }

    public async Task RemoveHolidayAsync(int id, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Account.Roles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var holiday = await db.PublicHolidays.FirstOrDefaultAsync(h => h.Id == id, ct) ?? throw new NotFoundException("该假期已不存在。");
        db.PublicHolidays.Remove(holiday);
        db.Audit(actor, time.UtcNow, "删除节假日", nameof(PublicHoliday), Text(holiday.First),
            $"{holiday.Year} 年 {holiday.Name} {Text(holiday.First)} 至 {Text(holiday.Last)}", null);
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
    }

    public async Task AddMakeUpWorkdayAsync(int year, string? day, string? note, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Account.Roles.Admin);
        var date = ParseDate(day, "day", "调休上班日", year);
        if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            throw ValidationFailedException.For("day", $"调休上班日应为周六或周日，{Text(date)} 是{Weekday(date)}。");
        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (cleanNote is { Length: > MaxNameLength }) throw ValidationFailedException.For("note", $"说明最多 {MaxNameLength} 字。");
        if (cleanNote is not null && TextRules.NameProblem(cleanNote) is { } why) throw ValidationFailedException.For("note", "说明" + why);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.MakeUpWorkdays.AnyAsync(m => m.Day == date, ct))
            throw ValidationFailedException.For("day", $"{Text(date)} 已是调休上班日。");
        var years = await SlaCalendars.YearsAsync(db, ct);
        Check(With(years, year, y => y with { MakeUpWorkdays = [.. y.MakeUpWorkdays, date] }));

        var now = time.UtcNow;
        db.MakeUpWorkdays.Add(new MakeUpWorkday { Year = year, Day = date, Note = cleanNote });
        db.Audit(actor, now, "新增调休上班日", nameof(MakeUpWorkday), Text(date), null,
            cleanNote is null ? $"{year} 年 {Text(date)}" : $"{year} 年 {Text(date)}（{cleanNote}）");
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
    }

    public async Task RemoveMakeUpWorkdayAsync(int id, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Account.Roles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var day = await db.MakeUpWorkdays.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("该调休上班日已不存在。");
        db.MakeUpWorkdays.Remove(day);
        db.Audit(actor, time.UtcNow, "删除调休上班日", nameof(MakeUpWorkday), Text(day.Day), $"{day.Year} 年 {Text(day.Day)}", null);
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
    }

    public async Task<IReadOnlyList<Hall>> HallsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Halls.AsNoTracking().OrderBy(h => h.Code).ToListAsync(ct);
    }

    /// <summary>The hall's hours as day texts, for the form.</summary>
    public async Task<Dictionary<OpeningDay, string>> OpeningHoursAsync(int hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return OpeningHoursText.Texts(await SlaCalendars.HoursAsync(db, hallId, ct));
    }

    /// <summary>Replaces the hall's whole week at once; an empty day is closed.</summary>
    public async Task SetOpeningHoursAsync(int hallId, IReadOnlyDictionary<OpeningDay, string> days, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Account.Roles.Admin);
        var hours = OpeningHoursText.Build(days);
        var texts = OpeningHoursText.Texts(hours);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hall = await db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.Id == hallId, ct) ?? throw new NotFoundException("办税服务厅不存在。");
        var before = OpeningHoursText.Texts(await SlaCalendars.HoursAsync(db, hallId, ct));
        var stored = await db.HallOpeningDays.Where(d => d.HallId == hallId).ToListAsync(ct);
        foreach (var day in Enum.GetValues<OpeningDay>())
        {
            var row = stored.FirstOrDefault(d => d.Day == day);
            if (row is null) db.HallOpeningDays.Add(new HallOpeningDay { HallId = hallId, Day = day, Hours = texts[day] });
            else row.Hours = texts[day];
        }
        db.Audit(actor, time.UtcNow, "修改营业时间", nameof(Hall), hall.Code, Summary(before), Summary(texts), hallId);
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
    }

    private static string Summary(IReadOnlyDictionary<OpeningDay, string> days) =>
        string.Join("; ", Enum.GetValues<OpeningDay>().Select(d => $"{OpeningHoursText.Label(d)}={(days[d].Length == 0 ? "休息" : days[d])}"));

    private static IReadOnlyList<HolidayYear> With(IReadOnlyList<HolidayYear> years, int year, Func<HolidayYear, HolidayYear> change)
    {
        var existing = years.FirstOrDefault(y => y.Year == year) ?? new HolidayYear(year, [], []);
        return [.. years.Where(y => y.Year != year), change(existing)];
    }

    /// <summary>The domain's own checks on the calendar as it would be after the edit.</summary>
    private static void Check(IReadOnlyList<HolidayYear> years) => _ = new HolidayCalendar(years);

    /// <summary>A date of the year's schedule: "2026-10-01" (also 2026/10/1, 2026.10.1). A schedule may reach a month
    /// into the year before or after (元旦 can start on 30 December).</summary>
    private static DateOnly ParseDate(string? text, string field, string label, int year)
    {
        var raw = (text ?? "").Trim();
        if (raw.Length == 0) throw ValidationFailedException.For(field, $"请填写{label}。");
        if (!DateOnly.TryParseExact(raw.Replace('/', '-').Replace('.', '-'), ["yyyy-M-d", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var date))
            throw ValidationFailedException.For(field, $"{label}“{raw}”不是有效日期，请按 {year}-10-01 的格式填写。");
        var earliest = new DateOnly(year - 1, 12, 1);
        var latest = new DateOnly(year + 1, 1, 31);
        if (date < earliest || date > latest)
            throw ValidationFailedException.For(field, $"{label} {Text(date)} 不在 {year} 年的安排内（{Text(earliest)} 至 {Text(latest)}）。");
        return date;
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Weekday(DateOnly day) => "周" + "日一二三四五六"[(int)day.DayOfWeek];
}
