use clap::Parser;

mod cli;
mod library_cli;
mod playlist_cli;
mod sheet_cli;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse())
}
