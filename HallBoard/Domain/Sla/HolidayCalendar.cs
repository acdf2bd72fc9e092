namespace HallBoard.Domain.Sla;

/// <summary>A public holiday as announced, e.g. 国庆节 2026-10-01 to 2026-10-07, both days included.</summary>
public sealed record HolidaySpan(string Name, DateOnly First, DateOnly Last)
{
    public IEnumerable<DateOnly> Days()
    {
        for (var d = First; d <= Last; d = d.AddDays(1)) yield return d;
    }
}

/// <summary>One year's announced schedule: the holidays (closed days) and the make-up working days (调休上班日).</summary>
public sealed record HolidayYear(int Year, IReadOnlyList<HolidaySpan> Holidays, IReadOnlyList<DateOnly> MakeUpWorkdays);

/// <summary>
/// China's public holidays and make-up working days, held as data: the State Council announces them each year, so
/// an administrator enters each year's schedule rather than anyone computing it.
/// </summary>
public sealed record HolidayCalendar
{
    private const int MaxSpanDays = 31;

    private readonly Dictionary<DateOnly, string> _closed = [];
    private readonly HashSet<DateOnly> _makeUp = [];

    public HolidayCalendar(IEnumerable<HolidayYear> years)
    {
        Years = years.OrderBy(y => y.Year).ToList();
        var errors = new List<string>();
        foreach (var duplicate in Years.GroupBy(y => y.Year).Where(g => g.Count() > 1))
            errors.Add($"{duplicate.Key} 年的节假日安排重复。");
        foreach (var year in Years)
        {
            foreach (var span in year.Holidays)
            {
                if (string.IsNullOrWhiteSpace(span.Name)) errors.Add($"{year.Year} 年有一个假期没有名称。");
                if (span.Last < span.First) errors.Add($"{span.Name}的结束日期 {span.Last:yyyy-MM-dd} 早于开始日期 {span.First:yyyy-MM-dd}。");
                else if (span.Last.DayNumber - span.First.DayNumber >= MaxSpanDays) errors.Add($"{span.Name}超过 {MaxSpanDays} 天，请检查日期。");
                else foreach (var day in span.Days()) _closed.TryAdd(day, span.Name);
            }
            foreach (var day in year.MakeUpWorkdays)
                _makeUp.Add(day);
        }
        foreach (var day in _makeUp.Where(_closed.ContainsKey).Order())
            errors.Add($"{day:yyyy-MM-dd} 不能既是假日（{_closed[day]}）又是调休上班日。");
        if (errors.Count > 0)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["holidays"] = [.. errors] });
    }

    /// <summary>No holidays at all: every week is the plain opening hours.</summary>
    public static HolidayCalendar None { get; } = new([]);

    public IReadOnlyList<HolidayYear> Years { get; }

    public bool IsHoliday(DateOnly day) => _closed.ContainsKey(day);

    /// <summary>The holiday's name (e.g. "国庆节"), or null on an ordinary day.</summary>
    public string? HolidayName(DateOnly day) => _closed.GetValueOrDefault(day);

    public bool IsMakeUpWorkday(DateOnly day) => _makeUp.Contains(day);
}
