//! Scorer lines in, scorer lines out: `score.py input GOLD | eval > pred.jsonl`.
use dossier_core::Stage;

fn main() -> std::io::Result<()> {
    let stage = dossier_timex::TimexStage::load();
    dossier_core::contract::run_text_lines(std::io::stdin().lock(), std::io::stdout().lock(), |d| {
        stage.run(d)
    })
}
