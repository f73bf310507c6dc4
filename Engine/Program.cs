using MaLAM4Com.Engine.Cli;

return CommandLine.Run(args);
