namespace HallBoard.Features.Audit;

/// <summary>
/// The end of one hall's audit chain (<see cref="Chain"/> = hall id, 0 for entries of no hall): the last row's
/// position and hash, so a deleted last row is noticed, and the anchor a purge leaves (the hash of the last
/// archived row, which the first kept row points to).
/// </summary>
public sealed class AuditChainHead
{
    public int Chain { get; set; }
    public long LastSeq { get; set; }
    public required string LastHash { get; set; }
    public long AnchorSeq { get; set; }
    public required string AnchorHash { get; set; }

    public static int ChainOf(int? hallId) => hallId ?? 0;

    public static int? HallOf(int chain) => chain == 0 ? null : chain;
}
