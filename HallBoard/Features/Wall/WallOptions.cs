namespace HallBoard.Features.Wall;

/// <summary>Configuration section "Wall".</summary>
public sealed class WallOptions
{
    /// <summary>Rows a wall list shows at once; longer lists page through by themselves.</summary>
    public int RowsPerPage { get; set; } = 8;

    public int PageSeconds { get; set; } = 8;

    /// <summary>Fewer engineers on duty (在岗 or 服务中) than this raises an alert.</summary>
    public int MinEngineersOnDuty { get; set; } = 5;

    /// <summary>Share of a target used up from which a waiting time turns amber.</summary>
    public double NearTargetShare { get; set; } = 0.75;

    public int AlertCheckSeconds { get; set; } = 15;

    /// <summary>A wall reloads everything this often even without a change notice, in case one was missed.</summary>
    public int ResyncSeconds { get; set; } = 30;
}
