//! Reads scorer input lines on stdin, writes the places layer on stdout.
use dossier_core::Stage;

fn main() -> std::io::Result<()> {
    let stage = dossier_places::PlaceStage::load();
    dossier_core::contract::run_text_lines(std::io::stdin().lock(), std::io::stdout().lock(), |d| {
        stage.run(d)
    })
}
