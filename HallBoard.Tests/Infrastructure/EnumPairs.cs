namespace HallBoard.Tests.Infrastructure;

/// <summary>Theory data for every combination of two enums' values, such as each state of a record with each kind of actor.</summary>
public static class EnumPairs
{
    public static TheoryData<TFirst, TSecond> All<TFirst, TSecond>()
        where TFirst : struct, Enum
        where TSecond : struct, Enum
    {
        var data = new TheoryData<TFirst, TSecond>();
        foreach (var first in Enum.GetValues<TFirst>())
            foreach (var second in Enum.GetValues<TSecond>())
                data.Add(first, second);
        return data;
    }
}
