using MudBlazor;

namespace HallBoard.Components.Layout;

public static class HallTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1f5fa8", Secondary = "#c8102e", AppbarBackground = "#1f5fa8" },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"],
            },
        },
    };
}
