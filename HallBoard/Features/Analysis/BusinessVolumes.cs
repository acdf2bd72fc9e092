using HallBoard.Features.Account;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Analysis;

/// <summary>What an import did: the days saved, or every problem found (and then nothing saved).</summary>
public sealed record ImportResult(int Saved, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>A day's figures as typed into the form.</summary>
public sealed record VolumeEntry(DateOnly Day, VolumeFigures Figures);

/// <summary>
/// Daily business volumes of a hall: typed in one day at a time (which may correct a day already there), or
/// imported from a whole file. An import is all or nothing: every row is checked first, every problem is listed with
/// its row, and nothing is saved unless all rows are good. An import never overwrites: a day already recorded is
/// refused (correct it in the form instead), so a file sent twice cannot double or silently change figures.
/// </summary>
public sealed class BusinessVolumes(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    /// <summary>The largest upload accepted.</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    public async Task<IReadOnlyList<BusinessVolume>> ListAsync(int hallId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BusinessVolumes.AsNoTracking()
            .Where(v => v.HallId == hallId && v.Day >= from && v.Day <= to)
            .OrderBy(v => v.Day).ToListAsync(ct);
    }

    public async Task<BusinessVolume?> FindAsync(int hallId, DateOnly day, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BusinessVolumes.AsNoTracking().SingleOrDefaultAsync(v => v.HallId == hallId && v.Day == day, ct);
    }

    /// <summary>Saves one day from the form, adding it or replacing the figures of a day already there.</summary>
    /// <exception cref="ValidationFailedException">A figure or the day breaks a rule.</exception>
    public async Task SaveDayAsync(int hallId, VolumeEntry entry, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.RolesOf(Policies.AnalysisReaders));
        by.RequireHall(hallId);
        var errors = new Dictionary<string, string[]>();
        if (VolumeRules.DayProblem(entry.Day, time.Today) is { } dayProblem) errors["day"] = [dayProblem];
        var values = entry.Figures.ToArray();
        for (var i = 0; i < values.Length; i++)
            if (VolumeRules.Check(values[i], out var reason) is null)
                errors[VolumeRules.VolumeHeaders[i]] = [$"{VolumeRules.VolumeHeaders[i]}：{reason}"];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var day = await db.BusinessVolumes.SingleOrDefaultAsync(v => v.HallId == hallId && v.Day == entry.Day, ct);
        var before = day is null ? null : JsonSerializer.Serialize(day.Figures);
        if (day is null)
        {
            day = new BusinessVolume { HallId = hallId, Day = entry.Day };
            db.BusinessVolumes.Add(day);
        }
        entry.Figures.CopyTo(day);
        (day.UpdatedUtc, day.UpdatedBy) = (now, by.Name);
        db.Audit(by, now, before is null ? "录入业务量" : "修改业务量", nameof(BusinessVolume), $"{entry.Day:yyyy-MM-dd}",
            before, JsonSerializer.Serialize(entry.Figures), hallId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Reads the upload up to <see cref="MaxFileBytes"/> (stopping as soon as it is exceeded), checks every row, and
    /// saves all of them in one transaction only when none is wrong.
    /// </summary>
    public async Task<ImportResult> ImportAsync(int hallId, Stream upload, string? fileName, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.RolesOf(Policies.AnalysisReaders));
        by.RequireHall(hallId);
        IReadOnlyList<RawRow> rows;
        try
        {
            var bytes = await ReadLimitedAsync(upload, MaxFileBytes, ct);
            rows = VolumeFileReader.Read(bytes, fileName);
        }
        catch (VolumeFileRefused e)
        {
            return Refused(e.Message);
        }
        if (rows.Count == 0) return Refused("文件是空的");

        var errors = new List<ImportError>();
        if (HeaderProblem(rows[0]) is { } header) return new ImportResult(0, [header]);
        if (rows.Count == 1) return Refused("文件只有表头，没有数据行");

        var today = time.Today;
        var seen = new Dictionary<DateOnly, int>();
        var good = new List<(int Row, DateOnly Day, VolumeFigures Figures)>();
        foreach (var row in rows.Skip(1))
        {
            var rowOk = true;
            var day = VolumeRules.Day(row[0].Text, row[0].Number, out var dayReason);
            if (day is null) { errors.Add(new ImportError(row.Number, VolumeRules.DateHeader, dayReason!)); rowOk = false; }
            else if (VolumeRules.DayProblem(day.Value, today) is { } future) { errors.Add(new ImportError(row.Number, VolumeRules.DateHeader, future)); rowOk = false; }
            else if (seen.TryGetValue(day.Value, out var firstRow)) { errors.Add(new ImportError(row.Number, VolumeRules.DateHeader, $"日期 {day:yyyy-MM-dd} 与第 {firstRow} 行重复")); rowOk = false; }
            else seen[day.Value] = row.Number;

            var values = new int[VolumeRules.VolumeHeaders.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var cell = row[i + 1];
                if (VolumeRules.Volume(cell.Text, cell.Number, out var reason) is int v) values[i] = v;
                else { errors.Add(new ImportError(row.Number, VolumeRules.VolumeHeaders[i], reason!)); rowOk = false; }
            }
            if (rowOk) good.Add((row.Number, day!.Value, VolumeFigures.From(values)));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var days = seen.Keys.ToList();
        var present = days.Count == 0 ? [] : await db.BusinessVolumes.Where(v => v.HallId == hallId && days.Contains(v.Day)).Select(v => v.Day).ToListAsync(ct);
        foreach (var day in present.Order())
            errors.Add(new ImportError(seen[day], VolumeRules.DateHeader, $"{day:yyyy-MM-dd} 已有业务量数据：导入不覆盖已有日期，请删去该行，或在“手工录入”中修改该日"));
        if (errors.Count > 0) return new ImportResult(0, errors.OrderBy(e => e.Row).ToList());

        var now = time.UtcNow;
        foreach (var (_, day, figures) in good)
        {
            var volume = new BusinessVolume { HallId = hallId, Day = day, UpdatedUtc = now, UpdatedBy = by.Name };
            figures.CopyTo(volume);
            db.BusinessVolumes.Add(volume);
        }
        var range = new { file = fileName, days = good.Count, from = good.Min(g => g.Day).ToString("yyyy-MM-dd"), to = good.Max(g => g.Day).ToString("yyyy-MM-dd") };
        db.Audit(by, now, "导入业务量", nameof(BusinessVolume), null, null, JsonSerializer.Serialize(range), hallId);
        await db.SaveChangesAsync(ct);
        return new ImportResult(good.Count, []);
    }

    private static ImportResult Refused(string reason) => new(0, [new ImportError(null, null, reason)]);

    private static ImportError? HeaderProblem(RawRow header)
    {
        var found = Enumerable.Range(0, VolumeRules.Headers.Length).Select(i => header[i].Text?.Trim() ?? "").ToArray();
        if (found.SequenceEqual(VolumeRules.Headers)) return null;
        return new ImportError(header.Number, null,
            $"表头不对：应为“{string.Join("、", VolumeRules.Headers)}”，文件中是“{string.Join("、", found.Where(f => f.Length > 0))}”。请使用下载的模板");
    }

    /// <summary>Copies the upload while counting; refuses as soon as it passes the limit, without reading the rest.</summary>
    public static async Task<byte[]> ReadLimitedAsync(Stream upload, long limit, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > limit)
                throw new VolumeFileRefused($"文件超过 {limit / 1024 / 1024} MB 上限，已拒绝");
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }
}
