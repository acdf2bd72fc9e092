using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Admin
{
    /// <summary>A further hall a Bureau account supervises (its <c>hb:supervised-hall</c> claims).</summary>
    public sealed class AccountHall
    {
        public required string UserId { get; set; }
        public int HallId { get; set; }

        /// <summary>A grant's hall set as stored on the grant: hall ids, comma-separated, ascending ("" = none).</summary>
        public static string Format(IEnumerable<int> halls) => string.Join(",", halls.Distinct().Order());

        public static IReadOnlyList<int> Parse(string? halls) =>
            (halls ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(h => int.TryParse(h, out var id) ? id : 0).Where(id => id > 0).Distinct().Order().ToList();

        /// <summary>Replaces an account's supervised halls with <paramref name="halls"/>; returns the set it had.</summary>
        internal static async Task<string> ReplaceAsync(HallDbContext db, string userId, IReadOnlyList<int> halls, CancellationToken ct)
        {
            var current = await db.AccountHalls.Where(a => a.UserId == userId).ToListAsync(ct);
            db.AccountHalls.RemoveRange(current.Where(a => !halls.Contains(a.HallId)));
            foreach (var hall in halls.Where(h => current.All(a => a.HallId != h)))
                db.AccountHalls.Add(new AccountHall { UserId = userId, HallId = hall });
            return Format(current.Select(a => a.HallId));
        }
    }
}
