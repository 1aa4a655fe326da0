"""karabakh-timeline: a static news-timeline generator.

The pipeline has three stages, each a module with a typed hand-off:
``loader`` (articles -> dated events), ``renderer`` (events -> HTML pages)
and ``builder`` (pages -> a static site on disk). The temporal tagger that
recognises and resolves dates lives in ``timex``.
"""

__version__ = "0.1.0"
