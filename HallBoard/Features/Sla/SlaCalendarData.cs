using HallBoard.Domain;
using HallBoard.Domain.Sla;
using HallBoard.Features.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Features.Sla
{
    /// <summary>One announced public holiday, e.g. 国庆节 2026-10-01 to 2026-10-07, filed under the year of its schedule.</summary>
    public sealed class PublicHoliday
    {
        public int Id { get; set; }
        public int Year { get; set; }
        public required string Name { get; set; }
        public DateOnly First { get; set; }
        public DateOnly Last { get; set; }
    }

    /// <summary>A Saturday or Sunday worked in exchange for a holiday (调休上班日).</summary>
    public sealed class MakeUpWorkday
    {
        public int Id { get; set; }
        public int Year { get; set; }
        public DateOnly Day { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>The days a hall's opening hours are kept for: each weekday and the make-up working day.</summary>
    public enum OpeningDay { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday, MakeUpWorkday }

    /// <summary>A hall's opening hours on one day as text, e.g. "09:00-12:00 13:30-17:30"; empty is closed. A hall
    /// without rows keeps <see cref="OpeningHours.Standard"/>.</summary>
    public sealed class HallOpeningDay
    {
        public int HallId { get; set; }
        public OpeningDay Day { get; set; }
        public string Hours { get; set; } = "";
    }

    internal sealed class PublicHolidayConfiguration : IEntityTypeConfiguration<PublicHoliday>
    {
        public void Configure(EntityTypeBuilder<PublicHoliday> e)
        {
            e.HasIndex(x => x.Year);
            e.HasIndex(x => x.First);
            e.Property(x => x.Name).HasMaxLength(20);
            // The 2026 schedule as announced (国办发明电〔2025〕7号); later years are entered on /admin/calendar.
            e.HasData(ChinaHolidays2026.Year.Holidays.Select((h, i) => new PublicHoliday
            {
                Id = i + 1, Year = 2026, Name = h.Name, First = h.First, Last = h.Last,
            }));
        }
    }

    internal sealed class MakeUpWorkdayConfiguration : IEntityTypeConfiguration<MakeUpWorkday>
    {
        public void Configure(EntityTypeBuilder<MakeUpWorkday> e)
        {
            e.HasIndex(x => x.Day).IsUnique();
            e.HasIndex(x => x.Year);
            e.Property(x => x.Note).HasMaxLength(20);
            // The notice names, for each holiday, the days worked in exchange.
            string[] paysFor = ["元旦", "春节", "春节", "劳动节", "国庆节", "国庆节"];
            e.HasData(ChinaHolidays2026.Year.MakeUpWorkdays.Select((d, i) => new MakeUpWorkday
            {
                Id = i + 1, Year = 2026, Day = d, Note = paysFor[i] + "调休",
            }));
        }
    }

    internal sealed class HallOpeningDayConfiguration : IEntityTypeConfiguration<HallOpeningDay>
    {
        public void Configure(EntityTypeBuilder<HallOpeningDay> e)
        {
            e.HasKey(x => new { x.HallId, x.Day });
            e.Property(x => x.Hours).HasMaxLength(100);
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
        }
    }
}

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<PublicHoliday> PublicHolidays => Set<PublicHoliday>();
        public DbSet<MakeUpWorkday> MakeUpWorkdays => Set<MakeUpWorkday>();
        public DbSet<HallOpeningDay> HallOpeningDays => Set<HallOpeningDay>();
    }
}
