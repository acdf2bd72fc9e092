namespace HallBoard.Domain.Sla;

/// <summary>
/// The 2026 schedule from 《国务院办公厅关于2026年部分节假日安排的通知》 (4 November 2025). This is data, not
/// a rule: it is the starting value an administrator edits, and each later year is entered the same way once the
/// State Council announces it.
/// </summary>
public static class ChinaHolidays2026
{
    public static HolidayYear Year { get; } = new(2026,
        [
            new("元旦", new(2026, 1, 1), new(2026, 1, 3)),
            new("春节", new(2026, 2, 15), new(2026, 2, 23)),
            new("清明节", new(2026, 4, 4), new(2026, 4, 6)),
            new("劳动节", new(2026, 5, 1), new(2026, 5, 5)),
            new("端午节", new(2026, 6, 19), new(2026, 6, 21)),
            new("中秋节", new(2026, 9, 25), new(2026, 9, 27)),
            new("国庆节", new(2026, 10, 1), new(2026, 10, 7)),
        ],
        [
            new(2026, 1, 4),
            new(2026, 2, 14),
            new(2026, 2, 28),
            new(2026, 5, 9),
            new(2026, 9, 20),
            new(2026, 10, 10),
        ]);

    public static HolidayCalendar Calendar { get; } = new([Year]);
}
