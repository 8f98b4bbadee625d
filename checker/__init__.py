"""checker: fact-check the statistical claims of articles (Chinese first, English second).

Pipeline: read → normalize → extract (mentions) → assemble claims → evaluate rules → report/review.
"""
__version__ = "0.1.0"
