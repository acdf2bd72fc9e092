using System.Globalization;
using System.Text.Json;
using HallBoard.Domain;

namespace HallBoard.Features.Training;

/// <summary>The 《培训效果调查表》's questions and answers: rating questions (1–5) and free-text questions.</summary>
public static class TrainingSurvey
{
    public const int MaxQuestions = 20;
    public const int MaxQuestion = 100;

    public static readonly IReadOnlyList<SurveyQuestion> Default =
    [
        new(QuestionKind.Rating, "培训内容对工作的实用性"),
        new(QuestionKind.Rating, "讲师讲解是否清晰"),
        new(QuestionKind.Rating, "培训资料是否有帮助"),
        new(QuestionKind.Rating, "培训时间与节奏安排"),
        new(QuestionKind.Rating, "总体满意度"),
        new(QuestionKind.Text, "您最大的收获是什么？"),
        new(QuestionKind.Text, "对今后培训的意见和建议"),
    ];

    public static string Field(int index) => "q" + index.ToString(CultureInfo.InvariantCulture);

    public static bool IsWellFormed(string? token) =>
        token is { Length: > 0 and <= 64 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static IReadOnlyList<SurveyQuestion> QuestionsOf(TrainingSession s) => QuestionsOf(s.Questions);

    public static IReadOnlyList<SurveyQuestion> QuestionsOf(string? json) =>
        json is null ? Default : JsonSerializer.Deserialize<List<SurveyQuestion>>(json) ?? [.. Default];

    /// <summary>The questions as typed, one per line: rating questions first, then free-text ones.</summary>
    public static IReadOnlyList<SurveyQuestion> Parse(string? ratingLines, string? textLines)
    {
        var questions = Lines(ratingLines).Select(q => new SurveyQuestion(QuestionKind.Rating, q))
            .Concat(Lines(textLines).Select(q => new SurveyQuestion(QuestionKind.Text, q))).ToList();
        if (questions.Count == 0) throw ValidationFailedException.For("questions", "至少要有一个问题。");
        if (questions.Count > MaxQuestions) throw ValidationFailedException.For("questions", $"问题太多（最多 {MaxQuestions} 个）。");
        foreach (var q in questions)
        {
            if (q.Text.Length > MaxQuestion) throw ValidationFailedException.For("questions", $"问题“{q.Text[..20]}…”过长（最多 {MaxQuestion} 字）。");
            if (TextRules.NameProblem(q.Text) is { } why) throw ValidationFailedException.For("questions", "问题" + why);
        }
        return questions;
    }

    /// <summary>Reads one answer sheet from the posted form: every rating 1–5, free text optional.</summary>
    public static string?[] Read(IReadOnlyList<SurveyQuestion> questions, IReadOnlyDictionary<string, string?> form)
    {
        var answers = new string?[questions.Count];
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < questions.Count; i++)
        {
            var raw = form.TryGetValue(Field(i), out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            if (questions[i].Kind == QuestionKind.Rating)
            {
                if (raw is not ("1" or "2" or "3" or "4" or "5")) errors[Field(i)] = [$"请为第 {i + 1} 题“{questions[i].Text}”打分（1–5 分）。"];
                answers[i] = raw;
            }
            else if (raw is not null)
            {
                if (raw.Length > TrainingBook.MaxAnswer) errors[Field(i)] = [$"第 {i + 1} 题的回答过长（最多 {TrainingBook.MaxAnswer} 字）。"];
                else if (TextRules.Problem(raw) is { } why) errors[Field(i)] = [$"第 {i + 1} 题的回答" + why];
                answers[i] = raw;
            }
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return answers;
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}

public static class TrainingText
{
    public static string Time(TrainingSession s) => Time(s.Date, s.StartTime, s.EndTime);

    public static string Time(DateOnly date, TimeOnly? start, TimeOnly? end) =>
        date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        + (start is { } a ? " " + a.ToString("HH:mm", CultureInfo.InvariantCulture) : "")
        + (end is { } b ? "–" + b.ToString("HH:mm", CultureInfo.InvariantCulture) : "");
}
