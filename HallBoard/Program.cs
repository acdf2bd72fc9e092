using HallBoard.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHallBoard();

var app = builder.Build();
app.MapHallBoard();
app.Run();

public partial class Program;
