namespace HallBoard.Features.Analysis;

/// <summary>
/// One day's business volume of a hall: what the counters handled (from Golden Tax III, 金三) and what was handled
/// through each online channel. The online-handling rate (网上办税率) is online ÷ (online + counter).
/// </summary>
public sealed class BusinessVolume
{
    public int Id { get; set; }
    public int HallId { get; set; }
    public DateOnly Day { get; set; }
    public int Counter { get; set; }
    public int ETaxWeb { get; set; }
    public int MobileApp { get; set; }
    public int SelfService { get; set; }
    public int SmartArea { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public string UpdatedBy { get; set; } = "";

    public int Online => ETaxWeb + MobileApp + SelfService + SmartArea;

    public VolumeFigures Figures => new(Counter, ETaxWeb, MobileApp, SelfService, SmartArea);
}

/// <summary>The five volumes of a day, in the order of the template's columns after the date.</summary>
public sealed record VolumeFigures(int Counter, int ETaxWeb, int MobileApp, int SelfService, int SmartArea)
{
    public int Online => ETaxWeb + MobileApp + SelfService + SmartArea;

    public int[] ToArray() => [Counter, ETaxWeb, MobileApp, SelfService, SmartArea];

    public static VolumeFigures From(IReadOnlyList<int> v) => new(v[0], v[1], v[2], v[3], v[4]);

    public void CopyTo(BusinessVolume day)
    {
        (day.Counter, day.ETaxWeb, day.MobileApp, day.SelfService, day.SmartArea) = (Counter, ETaxWeb, MobileApp, SelfService, SmartArea);
    }
}
