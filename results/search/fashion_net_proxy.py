# How networks/fashion_net.net's recipe was chosen: the same architectures and recipe in PyTorch (netc follows
# torch's init, optimizers, one-cycle and label smoothing), 3x faster than netc on this CPU, so more of the
# choices fit in a session. Trains on 54,000 training images, reports accuracy on a 6,000-image validation
# split of the training set (seeded); the test split is never read. Logs: docs/results/search/*.log.
#   /usr/bin/python3 results/search/fashion_net_proxy.py ARCH EPOCHS MAX_LR [BATCH]   (env PAD=crop padding, 0: flips only; LS; TH threads)
# ARCH: A = fashion_net.net; B = its 64/128-wide variant; C = 64@14 x2, one 128@7; R = residual; S = smaller.
import gzip, numpy as np, torch, torch.nn as nn, torch.nn.functional as F, time, sys, math, json
torch.set_num_threads(2); torch.manual_seed(0)
D='/usr/share/datasets/fashion-mnist/'
def idx(f):
    b=gzip.open(D+f).read()
    if b[2]==8 and b[3]==3: return np.frombuffer(b,np.uint8,offset=16).reshape(-1,28,28)
    return np.frombuffer(b,np.uint8,offset=8)
X=torch.tensor(idx('train-images-idx3-ubyte.gz').copy()).float().div(255).unsqueeze(1); Y=torch.tensor(idx('train-labels-idx1-ubyte.gz').copy()).long()
Xt=torch.tensor(idx('t10k-images-idx3-ubyte.gz').copy()).float().div(255).unsqueeze(1); Yt=torch.tensor(idx('t10k-labels-idx1-ubyte.gz').copy()).long()
mean,std=0.2860,0.3530
X=(X-mean)/std; Xt=(Xt-mean)/std
g=torch.Generator().manual_seed(0); perm=torch.randperm(60000,generator=g)
val=perm[:6000]; tr=perm[6000:]
Xv,Yv=X[val],Y[val]; Xtr,Ytr=X[tr],Y[tr]
arch=sys.argv[1]; epochs=int(sys.argv[2]); lr=float(sys.argv[3]); bs=int(sys.argv[4]) if len(sys.argv)>4 else 256
import os
ls=float(os.environ.get("LS","0.1")); wd=5e-4; pad=int(os.environ.get("PAD","2")); torch.set_num_threads(int(os.environ.get("TH","2")))
def cbr(i,o): return [nn.Conv2d(i,o,3,padding=1,bias=False),nn.BatchNorm2d(o),nn.ReLU(inplace=True)]
class Res(nn.Module):
    def __init__(s,c): super().__init__(); s.b=nn.Sequential(*cbr(c,c)[:2+1],nn.Conv2d(c,c,3,padding=1,bias=False),nn.BatchNorm2d(c))
    def forward(s,x): return F.relu(x+s.b(x))
def make(a):
    if a=='A': w=48; return nn.Sequential(*cbr(1,32),nn.MaxPool2d(2),*cbr(32,w),*cbr(w,w),nn.MaxPool2d(2),*cbr(w,2*w),*cbr(2*w,2*w),nn.AdaptiveAvgPool2d(1),nn.Flatten(),nn.Linear(2*w,10))
    if a=='B': w=64; return nn.Sequential(*cbr(1,32),nn.MaxPool2d(2),*cbr(32,w),*cbr(w,w),nn.MaxPool2d(2),*cbr(w,2*w),*cbr(2*w,2*w),nn.AdaptiveAvgPool2d(1),nn.Flatten(),nn.Linear(2*w,10))
    if a=='R': w=48; return nn.Sequential(*cbr(1,32),nn.MaxPool2d(2),*cbr(32,w),Res(w),nn.MaxPool2d(2),*cbr(w,2*w),Res(2*w),nn.AdaptiveAvgPool2d(1),nn.Flatten(),nn.Linear(2*w,10))
    if a=='C': return nn.Sequential(*cbr(1,32),nn.MaxPool2d(2),*cbr(32,64),*cbr(64,64),nn.MaxPool2d(2),*cbr(64,128),nn.AdaptiveAvgPool2d(1),nn.Flatten(),nn.Linear(128,10))
    if a=='S': w=32; return nn.Sequential(*cbr(1,w),nn.MaxPool2d(2),*cbr(w,2*w),*cbr(2*w,2*w),nn.MaxPool2d(2),*cbr(2*w,4*w),nn.AdaptiveAvgPool2d(1),nn.Flatten(),nn.Linear(4*w,10))
m=make(arch); print(arch, sum(p.numel() for p in m.parameters()),'params', flush=True)
opt=torch.optim.SGD(m.parameters(),lr=lr,momentum=0.9,nesterov=False,weight_decay=wd)
steps=epochs*math.ceil(len(tr)/bs)
sch=torch.optim.lr_scheduler.OneCycleLR(opt,max_lr=lr,total_steps=steps)
def aug(x):
    n=x.shape[0]
    if pad==0:
        f=torch.rand(n)<0.5; x=x.clone(); x[f]=x[f].flip(3); return x
    p=F.pad(x,(pad,pad,pad,pad),value=(0-mean)/std)
    ox=torch.randint(0,2*pad+1,(n,)); oy=torch.randint(0,2*pad+1,(n,))
    out=torch.stack([p[i,:,oy[i]:oy[i]+28,ox[i]:ox[i]+28] for i in range(n)])
    f=torch.rand(n)<0.5; out[f]=out[f].flip(3); return out
def acc(Xe,Ye):
    m.eval(); c=0
    with torch.no_grad():
        for i in range(0,len(Xe),1000): c+=(m(Xe[i:i+1000]).argmax(1)==Ye[i:i+1000]).sum().item()
    m.train(); return c/len(Xe)
t0=time.time()
for e in range(epochs):
    p=torch.randperm(len(tr)); te=time.time()
    for i in range(0,len(tr),bs):
        b=p[i:i+bs]; x=aug(Xtr[b]); y=Ytr[b]
        opt.zero_grad(); l=F.cross_entropy(m(x),y,label_smoothing=ls); l.backward(); opt.step(); sch.step()
    print(f'epoch {e+1} loss {l.item():.3f} val {acc(Xv,Yv):.4f} {len(tr)/(time.time()-te):.0f} img/s', flush=True)
print('final val', acc(Xv,Yv), 'minutes', (time.time()-t0)/60, flush=True)
