using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.Validation;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Analysis;

/// <summary>One day: the volumes (null when none were recorded), the rate, and the tickets the hall logged.</summary>
public sealed record DayFigure(DateOnly Day, int? Counter, int? Online, int Tickets)
{
    /// <summary>网上办税率 = online ÷ (online + counter), as a fraction; null without volumes or with none at all.</summary>
    public double? OnlineRate => Counter is int c && Online is int o && c + o > 0 ? (double)o / (c + o) : null;
}

/// <summary>A channel's share of all business (counter and online) in the period.</summary>
public sealed record ChannelShare(string Channel, int Volume, double Share);

public sealed record OnlineRateReport(DateOnly From, DateOnly To, IReadOnlyList<DayFigure> Days, int Counter, int Online,
    IReadOnlyList<ChannelShare> Channels, int Tickets)
{
    public double? OnlineRate => Counter + Online > 0 ? (double)Online / (Counter + Online) : null;
    public int DaysWithVolumes => Days.Count(d => d.Counter is not null);
}

/// <summary>A category that an online channel serves, and how many of its taxpayers still ended at the counter.</summary>
public sealed record CounterCategory(Category Category, int AtCounter, int GuidanceFailed)
{
    public int Total => AtCounter + GuidanceFailed;
}

/// <summary>The figures of the business-analysis page (业务分析).</summary>
public sealed class BusinessAnalysis(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public const int MaxDays = 366;

    /// <summary>Categories the e-tax bureau, the app or the terminals handle end to end.</summary>
    public static readonly Category[] ServedOnline =
        [Category.LoginIdentity, Category.Filing, Category.Invoice, Category.Payment, Category.SocialInsurance, Category.IndividualIncomeTax];

    public async Task<OnlineRateReport> OnlineRateAsync(int hallId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        Check(from, to);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var volumes = await db.BusinessVolumes.AsNoTracking()
            .Where(v => v.HallId == hallId && v.Day >= from && v.Day <= to).ToDictionaryAsync(v => v.Day, ct);
        var created = await Tickets(db, hallId, from, to).Select(t => t.CreatedUtc).ToListAsync(ct);
        var perDay = created.GroupBy(c => DateOnly.FromDateTime(time.ToLocal(c))).ToDictionary(g => g.Key, g => g.Count());

        var days = new List<DayFigure>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            volumes.TryGetValue(day, out var v);
            days.Add(new DayFigure(day, v?.Counter, v?.Online, perDay.GetValueOrDefault(day)));
        }
        var all = volumes.Values.ToList();
        var counter = all.Sum(v => v.Counter);
        var online = all.Sum(v => v.Online);
        var total = counter + online;
        int[] perChannel = [counter, all.Sum(v => v.ETaxWeb), all.Sum(v => v.MobileApp), all.Sum(v => v.SelfService), all.Sum(v => v.SmartArea)];
        string[] names = ["窗口（金三）", .. VolumeRules.OnlineChannels];
        var channels = names.Select((n, i) => new ChannelShare(n, perChannel[i], total == 0 ? 0 : (double)perChannel[i] / total)).ToList();
        return new OnlineRateReport(from, to, days, counter, online, channels, created.Count);
    }

    /// <summary>
    /// Categories served online whose taxpayers came to the counter anyway: tickets logged at the counter and not
    /// successfully guided online, plus tickets guided online without success; most first.
    /// </summary>
    public async Task<IReadOnlyList<CounterCategory>> CounterCategoriesAsync(int hallId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        Check(from, to);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Tickets(db, hallId, from, to)
            .Where(t => ServedOnline.Contains(t.Category))
            .Where(t => !(t.GuidedOnline && t.GuidanceSucceeded == true))
            .Where(t => t.Channel == Channel.Counter || t.GuidedOnline)
            .GroupBy(t => new { t.Category, t.GuidedOnline })
            .Select(g => new { g.Key.Category, g.Key.GuidedOnline, Count = g.Count() })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Category)
            .Select(g => new CounterCategory(g.Key, g.Where(r => !r.GuidedOnline).Sum(r => r.Count), g.Where(r => r.GuidedOnline).Sum(r => r.Count)))
            .OrderByDescending(c => c.Total).ThenBy(c => c.Category).ToList();
    }

    private IQueryable<Ticket> Tickets(HallDbContext db, int hallId, DateOnly from, DateOnly to)
    {
        var fromUtc = time.DayStartUtc(from);
        var untilUtc = time.DayStartUtc(to.AddDays(1));
        return db.Tickets.AsNoTracking().Where(t => t.HallId == hallId && t.CreatedUtc >= fromUtc && t.CreatedUtc < untilUtc);
    }

    private static void Check(DateOnly from, DateOnly to)
    {
        if (DayRange.DayProblem(from, "开始日期") is { } early) throw ValidationFailedException.For("from", early);
        if (DayRange.DayProblem(to, "结束日期") is { } late) throw ValidationFailedException.For("to", late);
        if (to < from) throw ValidationFailedException.For("to", "结束日期早于开始日期，请重新选择。");
        if (to.DayNumber - from.DayNumber + 1 > MaxDays) throw ValidationFailedException.For("to", $"一次最多分析 {MaxDays} 天。");
    }
}
