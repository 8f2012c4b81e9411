/// The article the errata corrects, and the published sources its
/// corrections rely on (printed on the errata page).
enum SeedArticle {
  // The article's identification (its author and opening, no title line:
  // the copy the project corrects carries none) is the errata page's first
  // paragraph, `page.errata.identification` in templates/strings/<lang>/errata-page.yaml.

  /// The published sources the corrections rely on, each with the errata
  /// entries (and sections) that use it. The citation is a name and stays
  /// as published in every edition (the HTML marks it `lang="en"`); what the
  /// source is cited for is prose, `errata.reference.<key>.note` in
  /// templates/strings/<lang>/errata-references.yaml.
  static let references: [(key: String, citation: String)] = [
    ("goodfellow", "Goodfellow, Bengio and Courville, Deep Learning (MIT Press, 2016)"),
    ("cs231n", "Stanford CS231n course notes, “Linear classification” and “Neural networks part 1”"),
    ("multiclass-hinge",
     "Weston and Watkins, “Support vector machines for multi-class pattern recognition” (ESANN 1999), and Crammer "
       + "and Singer, “On the algorithmic implementation of multiclass kernel-based vector machines” (JMLR, 2001)"),
    ("huber", "Huber, “Robust estimation of a location parameter” (Annals of Mathematical Statistics, 1964)"),
    ("glorot", "Glorot, Bordes and Bengio, “Deep sparse rectifier neural networks” (AISTATS 2011)"),
    ("focal", "Lin, Goyal, Girshick, He and Dollár, “Focal loss for dense object detection” (ICCV 2017)"),
    ("barron", "Barron, “A general and adaptive robust loss function” (CVPR 2019)"),
    ("kendall", "Kendall and Gal, “What uncertainties do we need in Bayesian deep learning for computer vision?” (NeurIPS 2017)"),
    ("cpc", "van den Oord, Li and Vinyals, “Representation learning with contrastive predictive coding” (2018)"),
    ("activations",
     "Hendrycks and Gimpel, “Gaussian error linear units (GELUs)” (2016); Ramachandran, Zoph and Le, “Searching for "
       + "activation functions” (2017, swish); Misra, “Mish” (2019); Klambauer, Unterthiner, Mayr and Hochreiter, "
       + "“Self-normalizing neural networks” (NeurIPS 2017, SELU); Clevert, Unterthiner and Hochreiter, ELU (ICLR 2016)"),
    ("frameworks", "PyTorch torch.nn documentation; optax.losses documentation"),
  ]
}
