namespace MaLAM4Com.Channels;

/// <summary>A point on the ground plane in metres; the base station of the channel cell is at the origin, its array broadside along +x.</summary>
public readonly record struct Position2D(double X, double Y)
{
    public double Norm => Math.Sqrt(X * X + Y * Y);

    public double DistanceTo(Position2D other)
    {
        double dx = X - other.X, dy = Y - other.Y;
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
