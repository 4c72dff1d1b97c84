//! Scorer lines in, scorer lines out: `score.py input GOLD | eval [--raw] > pred`.
//! `--raw` leaves out resolution (titles, aliases, handles): the tagger alone.
use dossier_core::Stage;

fn main() -> std::io::Result<()> {
    let raw = std::env::args().any(|a| a == "--raw");
    let stage = dossier_entities::EntityStage::load();
    dossier_core::contract::run_text_lines(std::io::stdin().lock(), std::io::stdout().lock(), |d| {
        if raw {
            stage.recognise(d)
        } else {
            stage.run(d)
        }
    })
}
