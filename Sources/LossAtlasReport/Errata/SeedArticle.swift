/// The article the errata corrects, and the published sources its
/// corrections rely on (printed on the errata page).
enum SeedArticle {
  // The article's identification (its author and opening, no title line:
  // the copy the project corrects carries none) is the errata page's first
  // paragraph, `page.errata.identification` in templates/strings/<lang>/errata-page.yaml.

  /// The published sources the corrections rely on, with the errata entries
  /// that use each.
  static let references: [String] = [
    "Goodfellow, Bengio and Courville, Deep Learning (MIT Press, 2016): §5.10 (a learning algorithm combines data, "
      + "a model, a cost function and an optimizer: A02), §6.2.2 (sigmoid units for Bernoulli outputs, softmax for "
      + "multinoulli outputs: A03), §6.3 (hidden units: ReLU, sigmoid, tanh: A19, A22–A27).",
    "Stanford CS231n course notes, “Linear classification” (the multiclass SVM loss and softmax: A11–A13) and "
      + "“Neural networks part 1” (sigmoid saturates and is not zero-centred; tanh = 2σ(2x) − 1; dying ReLU: A21, A24–A27).",
    "Weston and Watkins, “Support vector machines for multi-class pattern recognition” (ESANN 1999), and Crammer "
      + "and Singer, “On the algorithmic implementation of multiclass kernel-based vector machines” (JMLR, 2001): "
      + "the two multiclass hinge losses (A11).",
    "Huber, “Robust estimation of a location parameter” (Annals of Mathematical Statistics, 1964): A16.",
    "Glorot, Bordes and Bengio, “Deep sparse rectifier neural networks” (AISTATS 2011): A24–A26.",
    "Lin, Goyal, Girshick, He and Dollár, “Focal loss for dense object detection” (ICCV 2017), Fig. 1.",
    "Barron, “A general and adaptive robust loss function” (CVPR 2019), Fig. 1.",
    "Kendall and Gal, “What uncertainties do we need in Bayesian deep learning for computer vision?” "
      + "(NeurIPS 2017): regressing s = log σ² (A17).",
    "van den Oord, Li and Vinyals, “Representation learning with contrastive predictive coding” (2018): "
      + "InfoNCE, a cross-entropy over similarity scores (A17).",
    "Hendrycks and Gimpel, “Gaussian error linear units (GELUs)” (2016); Ramachandran, Zoph and Le, “Searching for "
      + "activation functions” (2017, swish); Misra, “Mish” (2019); Klambauer, Unterthiner, Mayr and Hochreiter, "
      + "“Self-normalizing neural networks” (NeurIPS 2017, SELU); Clevert, Unterthiner and Hochreiter, ELU (ICLR 2016): "
      + "the modern activations of A19 and A22.",
    "The PyTorch torch.nn documentation (BCELoss and its log clamp at −100, SmoothL1Loss and HuberLoss, "
      + "GaussianNLLLoss, CrossEntropyLoss) and optax's losses (l2_loss with its factor 1/2, huber_loss): "
      + "the framework conventions named on the function pages.",
  ]
}
